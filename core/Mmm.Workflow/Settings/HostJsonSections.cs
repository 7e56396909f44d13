namespace Mmm.Workflow.Settings;

// The parts of host.json the pipeline reads, shaped as the Functions host reads them (configuration keys are
// case-insensitive). Bound with Microsoft.Extensions.Configuration; MmmSettings.From turns them into one record.

/// <summary><c>extensions.durableTask</c>.</summary>
internal sealed class DurableTaskSection
{
    public string? HubName { get; set; }
    public StorageProviderSection? StorageProvider { get; set; }
    public int? MaxConcurrentActivityFunctions { get; set; }
    public int? MaxConcurrentOrchestratorFunctions { get; set; }
}

/// <summary><c>extensions.durableTask.storageProvider</c> (the Azure Storage provider's settings).</summary>
internal sealed class StorageProviderSection
{
    public int? PartitionCount { get; set; }
    public TimeSpan? ControlQueueVisibilityTimeout { get; set; }
    public TimeSpan? WorkItemQueueVisibilityTimeout { get; set; }
    public TimeSpan? MaxQueuePollingInterval { get; set; }
    public bool? UseTablePartitionManagement { get; set; }
}

/// <summary><c>extensions.blobs</c>.</summary>
internal sealed class BlobsSection
{
    public int? PoisonBlobThreshold { get; set; }
}

/// <summary>The pipeline's own <c>mmm</c> section.</summary>
internal sealed class MmmSection
{
    public string? InputContainer { get; set; }
    public string? OutputContainer { get; set; }
    public string? WorkContainer { get; set; }
    public double? ScanIntervalSeconds { get; set; }
    public TrainingSection? Training { get; set; }
}

/// <summary><c>mmm.training</c>.</summary>
internal sealed class TrainingSection
{
    public string? Device { get; set; }
}
