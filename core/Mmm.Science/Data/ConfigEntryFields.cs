using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mmm.Science.Data;

/// <summary>
/// Reading the fields of one entry of a run-config list (a lift test, an ROI prior), each failure a <c>bad_config</c>
/// naming the entry (<paramref name="at"/>) and the field, under the list's key.
/// </summary>
internal sealed class ConfigEntryFields(JsonObject entry, string at, string sourceName, string key)
{
    public string Text(string field) =>
        entry[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s
            ? s
            : throw Bad($"{at} needs '{field}', a non-empty string");

    /// <summary>A date yyyy-MM-dd; null when the field is absent and <paramref name="optional"/>.</summary>
    public DateOnly? Date(string field, bool optional = false)
    {
        if (optional && (!entry.TryGetPropertyValue(field, out var node) || node is null)) return null;
        var text = Text(field);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Bad($"{at} has {field} '{text}'; dates are written yyyy-MM-dd");
    }

    /// <param name="unit">Said in the message, e.g. " in KPI units".</param>
    public double Number(string field, string unit = "") =>
        entry[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var x) && double.IsFinite(x)
            ? x
            : throw Bad($"{at} needs '{field}', a finite number{unit}");

    public PanelInputException Bad(string detail) => RunConfig.BadConfig(sourceName, detail, key);

    /// <summary>The index of <paramref name="name"/> in <paramref name="names"/> (ordinal), or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>'a', 'b', 'c'.</summary>
    public static string Listed(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
