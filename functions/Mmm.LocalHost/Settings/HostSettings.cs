using System.Text.Json;
using Mmm.LocalHost.Storage;

namespace Mmm.LocalHost.Settings;

/// <summary>
/// The local host's settings: host.json at the repository root (task hub, activity concurrency, poison-blob
/// threshold and the <c>mmm</c> section) plus app settings (environment, then local.settings.json Values):
/// <c>AzureWebJobsStorage</c>, <c>TASKHUB_NAME</c> (for <c>%TASKHUB_NAME%</c>), and the overrides
/// <c>MMM_INPUT_CONTAINER</c>, <c>MMM_OUTPUT_CONTAINER</c>, <c>MMM_API_KEY</c>.
/// </summary>
public sealed record HostSettings
{
    public const string DefaultHubName = "mmmlocal";

    public string HubName { get; init; } = DefaultHubName;
    public int MaxConcurrentActivityFunctions { get; init; } = 1;
    public int PoisonBlobThreshold { get; init; } = 5;
    public string InputContainer { get; init; } = "mmm-input";
    public string OutputContainer { get; init; } = "mmm-output";
    public string WorkContainer { get; init; } = "mmm-work";
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(2);
    public string TrainingDevice { get; init; } = "auto";

    /// <summary>The connection string as configured (may be <c>UseDevelopmentStorage=true</c>).</summary>
    public string StorageConnectionString { get; init; } = StorageConnection.DevelopmentStorage;

    /// <summary>The management API key; null when the API is open.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The connection string with development storage expanded to Azurite's endpoints.</summary>
    public string EffectiveStorageConnectionString => StorageConnection.Expand(StorageConnectionString);

    public bool UsesDevelopmentStorage => StorageConnection.IsDevelopmentStorage(StorageConnectionString);

    /// <summary>
    /// Loads host.json from <paramref name="repositoryRoot"/> (default: <see cref="RepositoryRoot.Find"/>) and
    /// local.settings.json from the working directory or the repository root.
    /// </summary>
    public static HostSettings Load(string? repositoryRoot = null, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var root = repositoryRoot ?? RepositoryRoot.Find();
        var hostJsonPath = Path.Combine(root, "host.json");
        var hostJson = File.Exists(hostJsonPath) ? File.ReadAllText(hostJsonPath) : "{}";
        var localSettings = LocalSettingsFile.Find(workingDirectory ?? Directory.GetCurrentDirectory(), root);
        var values = new SettingValues(environment ?? SettingValues.ProcessEnvironment(),
            localSettings is null ? null : LocalSettingsFile.ReadValues(localSettings));
        return Parse(hostJson, values, hostJsonPath);
    }

    /// <summary>Builds the settings from host.json text and app settings (no file system access).</summary>
    public static HostSettings Parse(string hostJson, SettingValues values, string source = "host.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(hostJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            var durable = Section(root, "extensions", "durableTask");
            var blobs = Section(root, "extensions", "blobs");
            var mmm = Section(root, "mmm");
            var defaults = new HostSettings();

            var hub = values.Resolve(String(durable, "hubName", source));
            var scanSeconds = Number(mmm, "scanIntervalSeconds", source);
            if (scanSeconds is <= 0) throw new InvalidDataException($"{source}: mmm.scanIntervalSeconds must be positive");
            var threshold = Number(blobs, "poisonBlobThreshold", source);
            if (threshold is < 1) throw new InvalidDataException($"{source}: extensions.blobs.poisonBlobThreshold must be at least 1");
            var activities = Number(durable, "maxConcurrentActivityFunctions", source);
            if (activities is < 1) throw new InvalidDataException($"{source}: extensions.durableTask.maxConcurrentActivityFunctions must be at least 1");

            return new HostSettings
            {
                HubName = string.IsNullOrWhiteSpace(hub) ? DefaultHubName : hub,
                MaxConcurrentActivityFunctions = activities is { } a ? (int)a : defaults.MaxConcurrentActivityFunctions,
                PoisonBlobThreshold = threshold is { } t ? (int)t : defaults.PoisonBlobThreshold,
                InputContainer = values.Get("MMM_INPUT_CONTAINER") ?? String(mmm, "inputContainer", source) ?? defaults.InputContainer,
                OutputContainer = values.Get("MMM_OUTPUT_CONTAINER") ?? String(mmm, "outputContainer", source) ?? defaults.OutputContainer,
                WorkContainer = String(mmm, "workContainer", source) ?? defaults.WorkContainer,
                ScanInterval = scanSeconds is { } s ? TimeSpan.FromSeconds(s) : defaults.ScanInterval,
                TrainingDevice = String(Section(mmm, "training"), "device", source) ?? defaults.TrainingDevice,
                StorageConnectionString = values.Get("AzureWebJobsStorage") ?? StorageConnection.DevelopmentStorage,
                ApiKey = values.Get("MMM_API_KEY"),
            };
        }
    }

    private static JsonElement? Section(JsonElement? element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element is not { ValueKind: JsonValueKind.Object } e || !TryGetProperty(e, name, out var child)) return null;
            element = child;
        }
        return element;
    }

    // host.json property names are case-insensitive in the Functions host.
    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        value = default;
        return false;
    }

    private static string? String(JsonElement? section, string name, string source)
    {
        if (section is not { ValueKind: JsonValueKind.Object } s || !TryGetProperty(s, name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new InvalidDataException($"{source}: '{name}' must be a string"),
        };
    }

    private static double? Number(JsonElement? section, string name, string source)
    {
        if (section is not { ValueKind: JsonValueKind.Object } s || !TryGetProperty(s, name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonValueKind.Null => null,
            _ => throw new InvalidDataException($"{source}: '{name}' must be a number"),
        };
    }
}
