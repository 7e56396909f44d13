using Microsoft.Extensions.Configuration;
using Mmm.LocalHost.Storage;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Settings;

/// <summary>
/// The local host's settings, layered the way the Functions host layers them and bound to the same
/// <see cref="MmmSettings"/> the Functions app reads: host.json at the repository root, then the <c>Values</c>
/// of local.settings.json (working directory, else repository root), then the environment. App settings named
/// <c>AzureFunctionsJobHost__section__key</c> override host.json keys; empty values count as absent.
/// </summary>
public static class LocalSettings
{
    public static MmmSettings Load(string? repositoryRoot = null, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var root = repositoryRoot ?? RepositoryRoot.Find();
        var hostJson = Path.Combine(root, "host.json");
        var localSettings = LocalSettingsFile.Find(workingDirectory ?? Directory.GetCurrentDirectory(), root);
        var configuration = Build(hostJson, localSettings is null ? null : LocalSettingsFile.ReadValues(localSettings),
            environment ?? ProcessEnvironment());
        return MmmSettings.From(configuration, hostJson);
    }

    /// <summary>The layered configuration (no defaults applied yet).</summary>
    public static IConfiguration Build(string hostJsonPath, IReadOnlyDictionary<string, string?>? localValues,
        IReadOnlyDictionary<string, string?> environment)
    {
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(hostJsonPath, optional: true)
                .AddInMemoryCollection(AppSettings(localValues ?? new Dictionary<string, string?>()))
                .AddInMemoryCollection(AppSettings(environment))
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new InvalidDataException($"{hostJsonPath} is not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>
    /// App settings as configuration keys, as the environment-variable provider maps them: <c>__</c> is a section
    /// separator, and <c>AzureFunctionsJobHost__</c> settings also appear without that prefix (host.json keys).
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> AppSettings(IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            if (string.IsNullOrEmpty(value)) continue;
            var key = name.Replace("__", ConfigurationPath.KeyDelimiter);
            yield return new(key, value);
            if (name.StartsWith(MmmSettings.HostJsonOverridePrefix, StringComparison.OrdinalIgnoreCase))
                yield return new(name[MmmSettings.HostJsonOverridePrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter), value);
        }
    }

    /// <summary>The process environment (snapshot).</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            result[(string)entry.Key] = entry.Value as string;
        return result;
    }
}
