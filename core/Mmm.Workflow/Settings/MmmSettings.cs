using Microsoft.Extensions.Configuration;

namespace Mmm.Workflow.Settings;

/// <summary>
/// The settings both hosts run on, and the one place their defaults live (docs/pipeline.md quotes them). Bound by
/// <see cref="MmmSettingsServices.AddMmmSettings"/> (options binding, then <see cref="MmmSettingsValidator"/> at start)
/// from one <see cref="IConfiguration"/>: each property's key is the host.json path the Functions host reads
/// (<c>extensions:durableTask:...</c>, <c>extensions:blobs:...</c>, the pipeline's own <c>mmm:...</c>) or an app
/// setting (<c>AzureWebJobsStorage</c>, <c>MMM_INPUT_CONTAINER</c>, ...). In host.json, <c>%NAME%</c> is the app
/// setting NAME (<c>"hubName": "%TASKHUB_NAME%"</c>); empty values count as absent.
/// </summary>
public sealed record MmmSettings
{
    public const string DefaultHubName = "mmmlocal";

    /// <summary>The prefix of app settings that override host.json keys (<c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>).</summary>
    public const string HostJsonOverridePrefix = "AzureFunctionsJobHost__";

    public const string HubNameKey = "extensions:durableTask:hubName";
    public const string StorageSetting = "AzureWebJobsStorage";
    public const string InputContainerSetting = "MMM_INPUT_CONTAINER";
    public const string OutputContainerSetting = "MMM_OUTPUT_CONTAINER";
    public const string WorkContainerSetting = "MMM_WORK_CONTAINER";
    public const string ApiKeySetting = "MMM_API_KEY";
    public const string WorkerIdSetting = "MMM_WORKER_ID";

    /// <summary>The task hub: its queues, tables and lease/large-message containers in the storage account.</summary>
    [ConfigurationKeyName(HubNameKey)]
    public string HubName { get; set; } = DefaultHubName;

    /// <summary>Control queues of the hub; fixed once the hub exists (a hub's partition count cannot change).</summary>
    [ConfigurationKeyName("extensions:durableTask:storageProvider:partitionCount")]
    public int PartitionCount { get; set; } = 4;

    /// <summary>How long a dequeued orchestration message stays invisible; an orchestrator episode is milliseconds.</summary>
    [ConfigurationKeyName("extensions:durableTask:storageProvider:controlQueueVisibilityTimeout")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a dequeued activity message stays invisible. The worker renews it while the activity runs
    /// (DurableTask.Core renews 30 s before expiry, at least every 30 s), so a long training activity keeps it;
    /// when the process dies it is what an unfinished activity waits before another worker runs it again.
    /// </summary>
    [ConfigurationKeyName("extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two polls of an idle queue: the worst-case latency of a new start or a finished activity.</summary>
    [ConfigurationKeyName("extensions:durableTask:storageProvider:maxQueuePollingInterval")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The partition manager: false is the safe blob-lease manager (intent then ownership leases: a new worker owns
    /// its partitions about 5 s after it starts, a dead one's move on once its 30 s lease ends); true is the
    /// table-based manager Durable Functions v3 defaults to, which in DurableTask.AzureStorage 2.11 keeps a cleanly
    /// stopped worker's leases until they expire, so a restarted local host waits up to 30 s.
    /// </summary>
    [ConfigurationKeyName("extensions:durableTask:storageProvider:useTablePartitionManagement")]
    public bool UseTablePartitionManagement { get; set; }

    /// <summary>Activities running at the same time in one process (training is heavy: one per GPU or per machine).</summary>
    [ConfigurationKeyName("extensions:durableTask:maxConcurrentActivityFunctions")]
    public int MaxConcurrentActivityFunctions { get; set; } = 1;

    /// <summary>Orchestrator episodes running at the same time in one process.</summary>
    [ConfigurationKeyName("extensions:durableTask:maxConcurrentOrchestratorFunctions")]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 4;

    /// <summary>Failed starts of one blob version before it goes to the poison queue.</summary>
    [ConfigurationKeyName("extensions:blobs:poisonBlobThreshold")]
    public int PoisonBlobThreshold { get; set; } = 5;

    /// <summary>The container of panels (and run configs); the Functions blob trigger reads the same app setting.</summary>
    [ConfigurationKeyName(InputContainerSetting)]
    public string InputContainer { get; set; } = "mmm-input";

    [ConfigurationKeyName(OutputContainerSetting)]
    public string OutputContainer { get; set; } = "mmm-output";

    [ConfigurationKeyName(WorkContainerSetting)]
    public string WorkContainer { get; set; } = "mmm-work";

    /// <summary>How often the local blob watcher lists the input container, in seconds (host.json <c>mmm.scanIntervalSeconds</c>).</summary>
    [ConfigurationKeyName("mmm:scanIntervalSeconds")]
    public double ScanIntervalSeconds { get; set; } = 1;

    /// <summary><see cref="ScanIntervalSeconds"/> as a time span (not a configuration key of its own).</summary>
    public TimeSpan ScanInterval
    {
        get => TimeSpan.FromSeconds(ScanIntervalSeconds);
        set => ScanIntervalSeconds = value.TotalSeconds;
    }

    /// <summary>cpu or cuda replace every run config's device on this host; auto leaves the run config's choice.</summary>
    [ConfigurationKeyName("mmm:training:device")]
    public string TrainingDevice { get; set; } = "auto";

    /// <summary><c>AzureWebJobsStorage</c> as a connection string, or null (then identity-based settings apply).</summary>
    [ConfigurationKeyName(StorageSetting)]
    public string? StorageConnectionString { get; set; }

    /// <summary>The local management API's key; null when the API is open.</summary>
    [ConfigurationKeyName(ApiKeySetting)]
    public string? ApiKey { get; set; }

    /// <summary>This process's name among the workers of the hub; null: a unique one is made up (machine, process id, random).</summary>
    [ConfigurationKeyName(WorkerIdSetting)]
    public string? WorkerId { get; set; }

    /// <summary>
    /// Binds, resolves and validates the settings outside a host (the local host, tests), through the same options
    /// registration the hosts use; a bad value raises <see cref="InvalidDataException"/> naming the key.
    /// </summary>
    /// <param name="source">Where the configuration came from (host.json's path), for error messages.</param>
    public static MmmSettings From(IConfiguration configuration, string source = "host.json") => MmmSettingsServices.Resolve(configuration, source);

    /// <summary>After binding: host.json's <c>%NAME%</c> references resolved against the app settings, empty values back to the defaults.</summary>
    internal void Normalize(IConfiguration configuration)
    {
        var defaults = new MmmSettings();
        string? App(string key) => configuration[key] is { Length: > 0 } value ? value : null;
        string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        string? Resolve(string? text) => text is { Length: > 2 } && text[0] == '%' && text[^1] == '%' ? App(text[1..^1]) : text;

        HubName = Text(Resolve(configuration[HubNameKey])) ?? defaults.HubName;
        InputContainer = Text(InputContainer) ?? defaults.InputContainer;
        OutputContainer = Text(OutputContainer) ?? defaults.OutputContainer;
        WorkContainer = Text(WorkContainer) ?? defaults.WorkContainer;
        TrainingDevice = Text(TrainingDevice)?.ToLowerInvariant() ?? defaults.TrainingDevice;
        StorageConnectionString = App(StorageSetting);
        ApiKey = App(ApiKeySetting);
        WorkerId = App(WorkerIdSetting);
    }
}
