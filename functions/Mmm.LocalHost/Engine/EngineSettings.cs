using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// The Azure Storage provider's settings for this process, from <see cref="MmmSettings"/> (the same host.json keys
/// Durable Functions reads) plus what only a process of its own has to choose. Each value is deliberate:
/// <list type="bullet">
/// <item>WorkerId: unique per process (the provider's default, the machine name, would make two processes on one
/// machine fight over the same partition leases as if they were one).</item>
/// <item>Partition manager: host.json's <c>useTablePartitionManagement</c> (false there: the safe blob-lease manager,
/// see <see cref="MmmSettings.UseTablePartitionManagement"/>); a dead worker's partitions move to the survivors once
/// its leases run out.</item>
/// <item>Dedupe: a start with an existing id throws (<see cref="EngineClient.StartAsync"/> turns that into "not started").</item>
/// <item>Large messages: payloads over the queue limit go gzipped to <c>{hub}-largemessages</c> and are read back
/// transparently, also for status queries.</item>
/// </list>
/// </summary>
public static class EngineSettings
{
    /// <summary>A worker id no other process shares: machine, process id and a random suffix.</summary>
    public static string NewWorkerId() => $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    public static AzureStorageOrchestrationServiceSettings For(MmmSettings settings, string connectionString, string workerId, ILoggerFactory logging) => new()
    {
        TaskHubName = settings.HubName,
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        WorkerId = workerId,
        PartitionCount = settings.PartitionCount,
        MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
        ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
        MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivityFunctions,
        MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestratorFunctions,
        UseTablePartitionManagement = settings.UseTablePartitionManagement,
        ThrowExceptionOnInvalidDedupeStatus = true,
        FetchLargeMessageDataEnabled = true,
        LoggerFactory = logging,
    };
}
