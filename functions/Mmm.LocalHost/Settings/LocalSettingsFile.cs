using System.Text.Json;

namespace Mmm.LocalHost.Settings;

/// <summary>Reads the <c>Values</c> of a Functions local.settings.json (<c>{"IsEncrypted": false, "Values": {...}}</c>).</summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    /// <summary>The first local.settings.json found in these folders, in order; null when none exists.</summary>
    public static string? Find(params string?[] folders) =>
        folders.Where(f => !string.IsNullOrEmpty(f)).Select(f => Path.Combine(f!, FileName)).FirstOrDefault(File.Exists);

    public static IReadOnlyDictionary<string, string?> ReadValues(string path) => ParseValues(File.ReadAllText(path), path);

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
