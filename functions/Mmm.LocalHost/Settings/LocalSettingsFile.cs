using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Settings;

/// <summary>
/// The <c>Values</c> of a Functions local.settings.json (<c>{"IsEncrypted": false, "Values": {...}}</c>) as a configuration
/// layer. Functions Core Tools hands them to the host as environment variables, so they are named as the
/// environment-variables provider names those: <c>__</c> is a section separator, and an <c>AzureFunctionsJobHost__</c>
/// setting is a host.json key. Empty values are left out (absent).
/// </summary>
public sealed class LocalSettingsFile(string path) : ConfigurationProvider, IConfigurationSource
{
    public const string FileName = "local.settings.json";

    /// <summary>The first local.settings.json found in these folders, in order; null when none exists.</summary>
    public static string? Find(params string?[] folders) =>
        folders.Where(f => !string.IsNullOrEmpty(f)).Select(f => Path.Combine(f!, FileName)).FirstOrDefault(File.Exists);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in ParseValues(File.ReadAllText(path), path))
        {
            if (string.IsNullOrEmpty(value)) continue;
            data[name.Replace("__", ConfigurationPath.KeyDelimiter)] = value;
            if (name.StartsWith(MmmSettings.HostJsonOverridePrefix, StringComparison.OrdinalIgnoreCase))
                data[name[MmmSettings.HostJsonOverridePrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter)] = value;
        }
        Data = data;
    }

    public static IReadOnlyDictionary<string, string?> ParseValues(string json, string source = FileName)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
                foreach (var property in section.EnumerateObject())
                    values[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
        }
        return values;
    }
}
