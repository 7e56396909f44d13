using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Watcher;

/// <summary>What the blob watcher needs of <see cref="MmmSettings"/> (whose defaults these are), plus its names in receipts and poison messages.</summary>
public sealed record BlobWatcherOptions
{
    /// <summary>The function id in receipt paths and poison messages.</summary>
    public const string DefaultFunctionId = "Mmm.BlobStarter";

    private static readonly MmmSettings Defaults = new();

    public string InputContainer { get; init; } = Defaults.InputContainer;
    public string HubName { get; init; } = Defaults.HubName;
    public TimeSpan ScanInterval { get; init; } = Defaults.ScanInterval;
    public int PoisonBlobThreshold { get; init; } = Defaults.PoisonBlobThreshold;
    public string FunctionId { get; init; } = DefaultFunctionId;
    public string OrchestratorName { get; init; } = MmmOrchestrator.Name;

    public static BlobWatcherOptions From(MmmSettings settings) => new()
    {
        InputContainer = settings.InputContainer,
        HubName = settings.HubName,
        ScanInterval = settings.ScanInterval,
        PoisonBlobThreshold = settings.PoisonBlobThreshold,
    };
}
