using System.Text.Json.Nodes;

namespace Mmm.Science.Results;

/// <summary>The content of summary.json (docs/contract.md), serialised camelCase by <see cref="SummaryJson"/>.</summary>
public sealed record RunSummary
{
    /// <summary>Null where there is no orchestration instance (the CLI).</summary>
    public string? InstanceId { get; init; }
    public required InputSummary Input { get; init; }
    /// <summary>The run's settings after defaults and overrides were applied.</summary>
    public JsonNode? EffectiveConfig { get; init; }
    public required MetricsReport Metrics { get; init; }
    public required IReadOnlyList<ChannelSummary> Channels { get; init; }
    /// <summary>Each channel's fitted adstock and saturation, in the order of <see cref="Channels"/>.</summary>
    public IReadOnlyList<ResponseCurve> ResponseCurves { get; init; } = [];
    /// <summary>The run config's lift tests next to the fitted model's lift over the same rows; empty without lift tests.</summary>
    public IReadOnlyList<LiftTestResult> LiftTests { get; init; } = [];
    /// <summary>The run config's ROI priors next to the fitted model's value; empty without ROI priors.</summary>
    public IReadOnlyList<RoiPriorResult> RoiPriors { get; init; } = [];
    /// <summary>The self-check's result (run config <c>selfCheck</c>); null when it did not run.</summary>
    public SelfCheckResult? SelfCheck { get; init; }
    /// <summary>The run's checks of itself, each pass, warn or fail with a sentence (<see cref="HealthCheck"/>).</summary>
    public IReadOnlyList<HealthCheck> HealthChecks { get; init; } = [];
    public required DagSummary Dag { get; init; }
    /// <summary>The plan the run config's <c>budget</c> asked for (budget.parquet has its channels); null without.</summary>
    public Decisions.PlanSummary? Plan { get; init; }
    /// <summary>Wall time per phase (validating, scaling, training, ...), in seconds.</summary>
    public IReadOnlyDictionary<string, double> TimingsSeconds { get; init; } = new Dictionary<string, double>();
    /// <summary>What the model ran on, e.g. "cpu" or "cuda:0 (NVIDIA H100)".</summary>
    public required string Device { get; init; }
    /// <summary>Component name -> version (pipeline, TorchSharp, .NET, ...).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();
}

/// <summary>What was read: the input's location, identity and shape.</summary>
public sealed record InputSummary
{
    public required string Uri { get; init; }
    /// <summary>Null for a local file.</summary>
    public string? Etag { get; init; }
    public required int Rows { get; init; }
    public required int Regions { get; init; }
    public required int Periods { get; init; }
    public required IReadOnlyList<string> Channels { get; init; }
    public required IReadOnlyList<string> Controls { get; init; }
    /// <summary>Region-periods on the shared calendar with no input row (ragged regions).</summary>
    public required int AbsentCells { get; init; }
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
}

/// <summary>The learned channel graph.</summary>
public sealed record DagSummary
{
    /// <summary>triangular | notears.</summary>
    public required string Mode { get; init; }
    /// <summary>Acyclicity h(W) at the end of training; null where the mode has none.</summary>
    public double? FinalH { get; init; }
    public double? Rho { get; init; }
    public double? Alpha { get; init; }
    public required double Threshold { get; init; }
    public required IReadOnlyList<EdgeSummary> SelectedEdges { get; init; }
    /// <summary>Whether the selected edges form a DAG (checked, after cycle repair).</summary>
    public required bool Acyclic { get; init; }
    /// <summary>Edges above the threshold dropped to break cycles, in the order they were dropped.</summary>
    public IReadOnlyList<EdgeSummary> RemovedEdges { get; init; } = [];
}

/// <param name="Probability">The fraction of the posterior ensemble's members that select the edge (null without an ensemble).</param>
public sealed record EdgeSummary(string Source, string Target, double Weight, double? Probability = null);
