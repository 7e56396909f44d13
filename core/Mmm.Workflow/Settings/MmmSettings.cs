using Microsoft.Extensions.Configuration;

namespace Mmm.Workflow.Settings;

/// <summary>
/// The settings both hosts run on, read from one <see cref="IConfiguration"/>: host.json (the
/// <c>extensions.durableTask</c>, <c>extensions.blobs</c> and <c>mmm</c> sections, overridable key by key with
/// <c>AzureFunctionsJobHost__</c> app settings as in the Functions host) and app settings (environment, and
/// locally local.settings.json): <c>AzureWebJobsStorage</c>, <c>TASKHUB_NAME</c> (for <c>%TASKHUB_NAME%</c>),
/// <c>MMM_INPUT_CONTAINER</c>, <c>MMM_OUTPUT_CONTAINER</c>, <c>MMM_WORK_CONTAINER</c>, <c>MMM_API_KEY</c>,
/// <c>MMM_WORKER_ID</c>. Empty values count as absent. docs/pipeline.md lists every setting and why it has its value.
/// </summary>
public sealed record MmmSettings
{
    public const string DefaultHubName = "mmmlocal";

    /// <summary>The prefix of app settings that override host.json keys (<c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>).</summary>
    public const string HostJsonOverridePrefix = "AzureFunctionsJobHost__";

    public const string StorageSetting = "AzureWebJobsStorage";
    public const string InputContainerSetting = "MMM_INPUT_CONTAINER";
    public const string OutputContainerSetting = "MMM_OUTPUT_CONTAINER";
    public const string WorkContainerSetting = "MMM_WORK_CONTAINER";
    public const string ApiKeySetting = "MMM_API_KEY";
    public const string WorkerIdSetting = "MMM_WORKER_ID";

    /// <summary>The task hub: its queues, tables and lease/large-message containers in the storage account.</summary>
    public string HubName { get; init; } = DefaultHubName;

    /// <summary>Control queues of the hub; fixed once the hub exists (a hub's partition count cannot change).</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>How long a dequeued orchestration message stays invisible; an orchestrator episode is milliseconds.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dequeued activity message stays invisible. The worker renews it while the activity runs
    /// (DurableTask.Core renews 30 s before expiry, at least every 30 s), so a long training activity keeps it;
    /// when the process dies it is what an unfinished activity waits before another worker runs it again.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between two polls of an idle queue: the worst-case latency of a new start or a finished activity.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The partition manager: false (host.json says so) is the safe blob-lease manager (intent then ownership leases:
    /// a new worker owns its partitions about 5 s after it starts, a dead one's move on once its 30 s lease ends);
    /// true is the table-based manager Durable Functions v3 defaults to, which in DurableTask.AzureStorage 2.11
    /// keeps a cleanly stopped worker's leases until they expire, so a restarted local host waits up to 30 s.
    /// </summary>
    public bool UseTablePartitionManagement { get; init; }

    /// <summary>Activities running at the same time in one process (training is heavy: one per GPU or per machine).</summary>
    public int MaxConcurrentActivityFunctions { get; init; } = 1;

    /// <summary>Orchestrator episodes running at the same time in one process.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; init; } = 4;

    /// <summary>Failed starts of one blob version before it goes to the poison queue.</summary>
    public int PoisonBlobThreshold { get; init; } = 5;

    public string InputContainer { get; init; } = "mmm-input";
    public string OutputContainer { get; init; } = "mmm-output";
    public string WorkContainer { get; init; } = "mmm-work";

    /// <summary>How often the local blob watcher lists the input container.</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>cpu or cuda replace every run config's device on this host; auto leaves the run config's choice.</summary>
    public string TrainingDevice { get; init; } = "auto";

    /// <summary><c>AzureWebJobsStorage</c> as a connection string, or null (then identity-based settings apply).</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>The local management API's key; null when the API is open.</summary>
    public string? ApiKey { get; init; }

    /// <summary>This process's name among the workers of the hub; null: a unique one is made up (machine, process id, random).</summary>
    public string? WorkerId { get; init; }

    /// <summary>Reads and validates the settings; a bad value raises <see cref="InvalidDataException"/> naming the key.</summary>
    /// <param name="source">Where host.json came from, for error messages.</param>
    public static MmmSettings From(IConfiguration configuration, string source = "host.json")
    {
        var defaults = new MmmSettings();
        DurableTaskSection durable;
        BlobsSection blobs;
        MmmSection mmm;
        try
        {
            durable = Bind<DurableTaskSection>(configuration, "extensions:durableTask");
            blobs = Bind<BlobsSection>(configuration, "extensions:blobs");
            mmm = Bind<MmmSection>(configuration, "mmm");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        string? App(string key) => configuration[key] is { Length: > 0 } value ? value : null;
        string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        var storage = durable.StorageProvider ?? new StorageProviderSection();
        var settings = new MmmSettings
        {
            HubName = Text(Resolve(durable.HubName, App)) ?? defaults.HubName,
            PartitionCount = storage.PartitionCount ?? defaults.PartitionCount,
            ControlQueueVisibilityTimeout = storage.ControlQueueVisibilityTimeout ?? defaults.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = storage.WorkItemQueueVisibilityTimeout ?? defaults.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = storage.MaxQueuePollingInterval ?? defaults.MaxQueuePollingInterval,
            UseTablePartitionManagement = storage.UseTablePartitionManagement ?? defaults.UseTablePartitionManagement,
            MaxConcurrentActivityFunctions = durable.MaxConcurrentActivityFunctions ?? defaults.MaxConcurrentActivityFunctions,
            MaxConcurrentOrchestratorFunctions = durable.MaxConcurrentOrchestratorFunctions ?? defaults.MaxConcurrentOrchestratorFunctions,
            PoisonBlobThreshold = blobs.PoisonBlobThreshold ?? defaults.PoisonBlobThreshold,
            InputContainer = App(InputContainerSetting) ?? Text(mmm.InputContainer) ?? defaults.InputContainer,
            OutputContainer = App(OutputContainerSetting) ?? Text(mmm.OutputContainer) ?? defaults.OutputContainer,
            WorkContainer = App(WorkContainerSetting) ?? Text(mmm.WorkContainer) ?? defaults.WorkContainer,
            ScanInterval = mmm.ScanIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.ScanInterval,
            TrainingDevice = Text(mmm.Training?.Device)?.ToLowerInvariant() ?? defaults.TrainingDevice,
            StorageConnectionString = App(StorageSetting),
            ApiKey = App(ApiKeySetting),
            WorkerId = App(WorkerIdSetting),
        };
        settings.Validate(source);
        return settings;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>host.json's app-setting syntax: <c>%NAME%</c> is the app setting NAME (absent: null); other text as is.</summary>
    private static string? Resolve(string? text, Func<string, string?> appSetting) =>
        text is { Length: > 2 } && text[0] == '%' && text[^1] == '%' ? appSetting(text[1..^1]) : text;

    private void Validate(string source)
    {
        void Require(bool ok, string key, string rule)
        {
            if (!ok) throw new InvalidDataException($"{source}: {key} {rule}");
        }
        Require(HubName.Length is >= 3 and <= 45 && char.IsAsciiLetter(HubName[0]) && HubName.All(char.IsAsciiLetterOrDigit),
            "extensions.durableTask.hubName", $"must be 3-45 ASCII letters or digits starting with a letter, not '{HubName}'");
        Require(PartitionCount is >= 1 and <= 16, "extensions.durableTask.storageProvider.partitionCount", "must be between 1 and 16");
        Require(ControlQueueVisibilityTimeout > TimeSpan.Zero, "extensions.durableTask.storageProvider.controlQueueVisibilityTimeout", "must be positive");
        Require(WorkItemQueueVisibilityTimeout > TimeSpan.Zero, "extensions.durableTask.storageProvider.workItemQueueVisibilityTimeout", "must be positive");
        Require(MaxQueuePollingInterval > TimeSpan.Zero, "extensions.durableTask.storageProvider.maxQueuePollingInterval", "must be positive");
        Require(MaxConcurrentActivityFunctions >= 1, "extensions.durableTask.maxConcurrentActivityFunctions", "must be at least 1");
        Require(MaxConcurrentOrchestratorFunctions >= 1, "extensions.durableTask.maxConcurrentOrchestratorFunctions", "must be at least 1");
        Require(PoisonBlobThreshold >= 1, "extensions.blobs.poisonBlobThreshold", "must be at least 1");
        Require(ScanInterval > TimeSpan.Zero, "mmm.scanIntervalSeconds", "must be positive");
        Require(TrainingDevice is "auto" or "cpu" or "cuda", "mmm.training.device", $"must be auto, cpu or cuda, not '{TrainingDevice}'");
        foreach (var (key, name) in new[] { ("mmm.inputContainer", InputContainer), ("mmm.outputContainer", OutputContainer), ("mmm.workContainer", WorkContainer) })
            Require(name.Length is >= 3 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
                key, $"must be a blob container name (3-63 lower-case letters, digits or '-'), not '{name}'");
    }
}
