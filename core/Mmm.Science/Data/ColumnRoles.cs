using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mmm.Science.Data;

/// <summary>
/// Column role overrides from the run config. A null role keeps the name rule of docs/contract.md;
/// a set role replaces it.
/// </summary>
public sealed record ColumnRoles
{
    public string? Date { get; init; }
    public string? Region { get; init; }
    public string? Kpi { get; init; }
    public IReadOnlyList<string>? Media { get; init; }
    public IReadOnlyList<string>? Controls { get; init; }

    public static ColumnRoles None { get; } = new();

    private const string DateKey = "date", RegionKey = "region", KpiKey = "kpi", MediaKey = "media", ControlsKey = "controls";

    internal static bool IsRoleKey(string key) =>
        key is DateKey or RegionKey or KpiKey or MediaKey or ControlsKey;

    /// <summary>Reads the role keys of a run config; JSON null means "not set".</summary>
    internal static ColumnRoles FromJson(JsonObject root, string sourceName) => new()
    {
        Date = ReadName(root, DateKey, sourceName),
        Region = ReadName(root, RegionKey, sourceName),
        Kpi = ReadName(root, KpiKey, sourceName),
        Media = ReadNames(root, MediaKey, sourceName),
        Controls = ReadNames(root, ControlsKey, sourceName),
    };

    internal void WriteTo(JsonObject root)
    {
        if (Date is not null) root[DateKey] = Date;
        if (Region is not null) root[RegionKey] = Region;
        if (Kpi is not null) root[KpiKey] = Kpi;
        if (Media is not null) root[MediaKey] = new JsonArray([.. Media.Select(m => (JsonNode?)m)]);
        if (Controls is not null) root[ControlsKey] = new JsonArray([.. Controls.Select(c => (JsonNode?)c)]);
    }

    private static string? ReadName(JsonObject root, string key, string sourceName)
    {
        if (!root.TryGetPropertyValue(key, out var node) || node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Length == 0)
            throw RunConfig.BadConfig(sourceName, $"run config key '{key}' must be a column name (a non-empty string)", key);
        return node.GetValue<string>();
    }

    private static IReadOnlyList<string>? ReadNames(JsonObject root, string key, string sourceName)
    {
        if (!root.TryGetPropertyValue(key, out var node) || node is null) return null;
        if (node is not JsonArray array || array.Any(n => n?.GetValueKind() != JsonValueKind.String))
            throw RunConfig.BadConfig(sourceName, $"run config key '{key}' must be an array of column names", key);
        var names = array.Select(n => n!.GetValue<string>()).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw RunConfig.BadConfig(sourceName, $"run config key '{key}' names a column twice", key);
        return names;
    }
}
