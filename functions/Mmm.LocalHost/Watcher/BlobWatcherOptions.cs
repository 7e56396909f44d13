using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Watcher;

/// <summary>What the blob watcher needs of <see cref="MmmSettings"/> (whose defaults these are), plus its names in receipts and poison messages.</summary>
public sealed record BlobWatcherOptions
{
    /// <summary>The function id in receipt paths and poison messages.</summary>
    public const string DefaultFunctionId = "Mmm.BlobStarter";
    /// <summary>The plan request watcher's function id.</summary>
    public const string PlanFunctionId = "Mmm.PlanStarter";

    private static readonly MmmSettings Defaults = new();

    /// <summary>The container watched: the input container for runs, the output container for plan requests.</summary>
    public string InputContainer { get; init; } = Defaults.InputContainer;
    public string HubName { get; init; } = Defaults.HubName;
    public TimeSpan ScanInterval { get; init; } = Defaults.ScanInterval;
    public int PoisonBlobThreshold { get; init; } = Defaults.PoisonBlobThreshold;
    public string FunctionId { get; init; } = DefaultFunctionId;

    public static BlobWatcherOptions From(MmmSettings settings) => new()
    {
        InputContainer = settings.InputContainer,
        HubName = settings.HubName,
        ScanInterval = settings.ScanInterval,
        PoisonBlobThreshold = settings.PoisonBlobThreshold,
    };

    /// <summary>The plan request watcher's options: the output container, its own receipts.</summary>
    public static BlobWatcherOptions ForPlans(MmmSettings settings) => From(settings) with
    {
        InputContainer = settings.OutputContainer,
        FunctionId = PlanFunctionId,
    };
}
