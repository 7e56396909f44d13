using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Watcher;

public sealed record BlobWatcherOptions
{
    /// <summary>The function id in receipt paths and poison messages.</summary>
    public const string DefaultFunctionId = "Mmm.BlobStarter";

    public string InputContainer { get; init; } = "mmm-input";
    public string HubName { get; init; } = MmmSettings.DefaultHubName;
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(2);
    public int PoisonBlobThreshold { get; init; } = 5;
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
