using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mmm.Science.Data;

/// <summary>
/// The run config key <c>liftTests</c>: an array of experiments, each
/// <c>{"channel": "media_tv", "start": "2024-03-04", "end": "2024-04-22", "regions": ["north"], "lift": 125000, "se": 15000}</c>
/// (<c>regions</c> optional: every region). Read and checked here, then resolved against the panel's channels,
/// regions and calendar (<see cref="Resolve"/>).
/// </summary>
internal static class LiftTests
{
    public const string Key = "liftTests";

    private static readonly string[] Fields = ["channel", "start", "end", "regions", "lift", "se"];

    /// <summary>Reads and checks the key; absent or JSON null means no lift tests.</summary>
    public static IReadOnlyList<LiftTest> FromJson(JsonObject root, string sourceName)
    {
        if (!root.TryGetPropertyValue(Key, out var node) || node is null) return [];
        if (node is not JsonArray items)
            throw Bad(sourceName, $"run config key '{Key}' must be an array of experiments, e.g. [{{\"channel\": \"media_tv\", \"start\": \"2024-03-04\", \"end\": \"2024-04-22\", \"lift\": 125000, \"se\": 15000}}]");
        return items.Select((item, i) => Read(item, i, sourceName)).ToList();
    }

    private static LiftTest Read(JsonNode? item, int index, string sourceName)
    {
        string at = $"run config key '{Key}', experiment {index}";
        if (item is not JsonObject test)
            throw Bad(sourceName, $"{at} must be an object with channel, start, end, lift and se");
        foreach (var (name, _) in test)
            if (!Fields.Contains(name))
                throw Bad(sourceName, $"{at} has the unknown field '{name}' (fields: {string.Join(", ", Fields)})");
        var fields = new ConfigEntryFields(test, at, sourceName, Key);
        var channel = fields.Text("channel");
        DateOnly start = fields.Date("start")!.Value, end = fields.Date("end")!.Value;
        if (end < start)
            throw Bad(sourceName, $"{at} ends ({Format(end)}) before it starts ({Format(start)})");
        double lift = fields.Number("lift", " in KPI units"), se = fields.Number("se", " in KPI units");
        if (se <= 0)
            throw Bad(sourceName, $"{at} has se {se.ToString(CultureInfo.InvariantCulture)}; the standard error of a measured lift must be > 0");
        return new LiftTest(channel, start, end, Regions(test, at, sourceName), lift, se);
    }

    public static void WriteTo(JsonObject root, IReadOnlyList<LiftTest> tests)
    {
        if (tests.Count == 0) return;
        var array = new JsonArray();
        foreach (var t in tests)
        {
            var item = new JsonObject { ["channel"] = t.Channel, ["start"] = Format(t.Start), ["end"] = Format(t.End) };
            if (t.Regions is { } regions) item["regions"] = new JsonArray(regions.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
            item["lift"] = t.Lift;
            item["se"] = t.StandardError;
            array.Add(item);
        }
        root[Key] = array;
    }

    /// <summary>
    /// Each test against the panel: its channel must be a media channel, its regions regions of the file, and its
    /// window must hold at least one row of those regions (calendar dates from start to end, inclusive).
    /// </summary>
    public static IReadOnlyList<PanelLiftTest> Resolve(IReadOnlyList<LiftTest> tests, Panel panel, string source)
    {
        var resolved = new List<PanelLiftTest>(tests.Count);
        for (int i = 0; i < tests.Count; i++)
        {
            var test = tests[i];
            string at = $"the run config key '{Key}', experiment {i},";
            int channel = ConfigEntryFields.IndexOf(panel.Channels, test.Channel);
            if (channel < 0)
                throw new PanelInputException(ErrorCodes.BadConfig, source,
                    $"{at} names '{test.Channel}', which is not a media channel of this file (channels: {ConfigEntryFields.Listed(panel.Channels)})", column: test.Channel);
            var regions = test.Regions is null
                ? Enumerable.Range(0, panel.RegionCount).ToList()
                : test.Regions.Select(name => ConfigEntryFields.IndexOf(panel.Regions, name) is var r and >= 0 ? r
                    : throw new PanelInputException(ErrorCodes.BadConfig, source,
                        $"{at} names the region '{name}', which is not in this file", column: Key, region: name)).ToList();
            var periods = Enumerable.Range(0, panel.PeriodCount).Where(p => panel.Dates[p] >= test.Start && panel.Dates[p] <= test.End).ToList();
            var cells = regions.SelectMany(r => periods.Where(p => panel.IsPresent(r, p)).Select(p => panel.Cell(r, p))).Distinct().Order().ToList();
            if (cells.Count == 0)
                throw new PanelInputException(ErrorCodes.BadConfig, source,
                    $"{at} covers no row of the file: no date of its regions lies from {Format(test.Start)} to {Format(test.End)} (the file runs from {Format(panel.Dates[0])} to {Format(panel.Dates[^1])})",
                    column: Key, date: test.Start);
            resolved.Add(new PanelLiftTest(test, channel, cells));
        }
        return resolved;
    }

    private static IReadOnlyList<string>? Regions(JsonObject test, string at, string sourceName)
    {
        if (!test.TryGetPropertyValue("regions", out var node) || node is null) return null;
        if (node is not JsonArray { Count: > 0 } array || array.Any(r => r is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            throw Bad(sourceName, $"{at} has 'regions' that are not a non-empty array of region names");
        return array.Select(r => r!.GetValue<string>()).ToList();
    }

    private static string Format(DateOnly date) => PanelInputException.FormatDate(date);

    private static PanelInputException Bad(string sourceName, string detail) => RunConfig.BadConfig(sourceName, detail, Key);
}
