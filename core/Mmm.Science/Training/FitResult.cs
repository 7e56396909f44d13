using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>A trained model's results in KPI units: what the output files and summary are made of.</summary>
public sealed record FitResult(
    IReadOnlyList<DecompositionRow> Decomposition,
    IReadOnlyList<FitRow> Fit,
    AdjacencySelectionResult Adjacency,
    MetricsReport Metrics,
    IReadOnlyList<ChannelSummary> Channels,
    double FinalH,
    NotearsState Duals,
    int EpochsTrained,
    int? RestoredBestEpoch,
    IReadOnlyList<ResponseCurve>? ResponseCurves = null,
    IReadOnlyList<LiftTestResult>? LiftTests = null,
    SelfCheckResult? SelfCheck = null,
    IReadOnlyList<RoiPriorResult>? RoiPriors = null,
    IReadOnlyList<HealthCheck>? HealthChecks = null)
{
    /// <summary>What curves and plans are computed from (model.json); null for the reference architecture.</summary>
    public Decisions.SavedModel? SavedModel { get; init; }
    /// <summary>Response curves, carry-over and total effects from <see cref="SavedModel"/>; null without it.</summary>
    public Decisions.DecisionTables? Decisions { get; init; }
}
