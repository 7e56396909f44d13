using System.Collections;

namespace Mmm.LocalHost.Settings;

/// <summary>
/// App settings the way the Functions host sees them: environment variables first, then the
/// <c>Values</c> of local.settings.json. Empty values count as absent.
/// </summary>
public sealed class SettingValues
{
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly IReadOnlyDictionary<string, string?> localValues;

    public SettingValues(IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string?>? localValues = null)
    {
        this.environment = environment;
        this.localValues = localValues ?? new Dictionary<string, string?>();
    }

    /// <summary>The process environment (snapshot).</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            result[(string)entry.Key] = entry.Value as string;
        return result;
    }

    public string? Get(string name)
    {
        if (environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)) return value;
        if (localValues.TryGetValue(name, out value) && !string.IsNullOrEmpty(value)) return value;
        return null;
    }

    /// <summary>Resolves a <c>%NAME%</c> reference (host.json's app-setting syntax); other text is returned unchanged.</summary>
    public string? Resolve(string? text)
    {
        if (text is { Length: > 2 } && text[0] == '%' && text[^1] == '%') return Get(text[1..^1]);
        return text;
    }
}
