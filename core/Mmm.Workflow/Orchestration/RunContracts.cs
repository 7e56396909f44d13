using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Workflow.Orchestration;

// The records that travel between the orchestrator and its activities: blob URIs and small numbers,
// never tensors or tables. Plain records so that any System.Text.Json host round-trips them.

/// <summary>The orchestration's input: which blob to train on and where to write.</summary>
/// <param name="InputUri">The Parquet panel blob.</param>
/// <param name="ConfigUri">The optional `{dataset}.json` run config blob (null when none).</param>
/// <param name="OutputPrefix">Folder URI of the outputs, `.../mmm-output/{dataset}/{instanceId}`.</param>
/// <param name="InputEtag">The ETag of the panel version the run is for: the first activity reads the panel on it (If-Match).</param>
/// <param name="WorkPrefix">Folder URI of this run's work files: the snapshot of its input (<c>InputSnapshot</c>) and its checkpoints.</param>
public sealed record RunInput(string Dataset, string InputUri, string? InputEtag, string? ConfigUri, string OutputPrefix, string WorkPrefix);

/// <summary>What a completed orchestration returns (status `output`).</summary>
public sealed record RunOutput(string OutputUri, double? TrainR2, double? HoldoutR2, double? HoldoutWape, double? FinalH, int Epochs);

/// <summary>Input of every training activity: the run plus the checkpoint to read and the one to write.</summary>
public sealed record ActivityInput(string InstanceId, RunInput Run, string? CheckpointIn, string? CheckpointOut);

/// <summary>ValidateAndScale's result: the effective options (the schedule needs them) or the input error.</summary>
public sealed record PreparedRun(MmmOptions? Options, string? Checkpoint, int Rows, int Regions, int Periods, int Channels, int Controls,
    string? Device, RunError? Error);

/// <summary>A user-facing failure: error.json's code (<see cref="ErrorCodes"/>), message and details.</summary>
public sealed record RunError(string Code, string Message, IReadOnlyDictionary<string, string?>? Details = null)
{
    /// <summary>A rejected input: its code and message, and where it applies.</summary>
    public static RunError Of(PanelInputException e) => new(e.Code, e.Message, new Dictionary<string, string?>
    {
        ["file"] = e.File,
        ["column"] = e.Column,
        ["region"] = e.Region,
        ["date"] = e.Date?.ToString("yyyy-MM-dd"),
        ["row"] = e.Row?.ToString(),
    });
}

public sealed record TrainBlockInput(ActivityInput Activity, TrainingBlock Block);

/// <summary>TrainOuterIteration's report: h and losses of the block, its history rows, elapsed seconds.</summary>
public sealed record TrainBlockResult(BlockReport Report, string Checkpoint);

/// <param name="Refits">The posterior ensemble's members and the self-check's refits, as their activities returned them; null:
/// none ran (WriteOutputFiles then runs what the options ask for itself).</param>
public sealed record WriteOutputFilesInput(ActivityInput Activity, IReadOnlyList<HistoryRow> History, IReadOnlyDictionary<string, double> TimingsSeconds,
    string Device, RefitResults? Refits = null);

/// <summary>One batch of structural refits (<see cref="RefitKinds"/>) on the warm-started model: members or refits First to First + Count - 1.</summary>
public sealed record RefitInput(ActivityInput Activity, string Kind, int First, int Count);

/// <summary>FitRefits' result: each refit's contributions per split and channel ([split * C], KPI units), in index order, and
/// each ensemble member's selected graph (row-major [source * C + target]; null for the self-check or without a graph).</summary>
public sealed record RefitBatchResult(string Kind, int First, IReadOnlyList<double[]> Totals, IReadOnlyList<bool[]>? Edges = null,
    IReadOnlyList<Mmm.Science.Decisions.ResponseDraw>? Draws = null);

public static class RefitKinds
{
    /// <summary>Members of the posterior ensemble behind the attribution intervals.</summary>
    public const string Members = "members";
    /// <summary>The self-check's refits of panels simulated from the fit.</summary>
    public const string SelfCheck = "selfCheck";
}

/// <summary>WriteOutputFiles' result: the headline numbers (the files are already under the output prefix, without _SUCCESS).</summary>
public sealed record WriteOutputFilesResult(double? TrainR2, double? HoldoutR2, double? HoldoutWape, double FinalH, int Epochs);

public sealed record FailureInput(string InstanceId, RunInput Run, RunError Error);

/// <summary>The activities' names (function names in the Azure host).</summary>
public static class ActivityNames
{
    public const string ValidateAndScale = nameof(ValidateAndScale);
    public const string WarmStart = nameof(WarmStart);
    public const string TrainOuterIteration = nameof(TrainOuterIteration);
    public const string FitRefits = nameof(FitRefits);
    /// <summary>Computes the results (decomposition, metrics, intervals) and writes every output file but _SUCCESS.</summary>
    public const string WriteOutputFiles = nameof(WriteOutputFiles);
    /// <summary>Writes _SUCCESS once every output file is there, and removes the run's work files.</summary>
    public const string CommitOutputs = nameof(CommitOutputs);
    public const string WriteFailure = nameof(WriteFailure);
    /// <summary>The planner's one step: loads a finished run's model.json, plans, writes the plan folder with _SUCCESS last.</summary>
    public const string PlanBudget = nameof(PlanBudget);
    /// <summary>Writes the plan folder's error.json.</summary>
    public const string WritePlanFailure = nameof(WritePlanFailure);
}
