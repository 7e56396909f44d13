namespace Mmm.Science.Results;

/// <summary>Everything a finished run writes to its output folder.</summary>
public sealed record FitOutputs(
    IReadOnlyList<DecompositionRow> Decomposition,
    IReadOnlyList<FitRow> Fit,
    IReadOnlyList<AdjacencyRow> Adjacency,
    IReadOnlyList<HistoryRow> History,
    RunSummary Summary,
    IReadOnlyList<ChannelRow> Channels);
