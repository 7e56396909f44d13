namespace Mmm.Science.Results;

/// <summary>Everything a finished run writes to its output folder.</summary>
public sealed record FitOutputs(
    IReadOnlyList<DecompositionRow> Decomposition,
    IReadOnlyList<FitRow> Fit,
    IReadOnlyList<AdjacencyRow> Adjacency,
    IReadOnlyList<HistoryRow> History,
    RunSummary Summary,
    IReadOnlyList<ChannelRow> Channels)
{
    /// <summary>model.json (null for the reference architecture), and what it gives every run.</summary>
    public Decisions.SavedModel? Model { get; init; }
    public IReadOnlyList<Decisions.ResponseCurveRow>? ResponseCurves { get; init; }
    public IReadOnlyList<Decisions.CarryoverRow>? Carryover { get; init; }
    /// <summary>The plan the run config's <c>budget</c> asked for; null without.</summary>
    public Decisions.PlanResult? Plan { get; init; }
}
