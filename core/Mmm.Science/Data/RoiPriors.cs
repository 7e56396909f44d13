using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mmm.Science.Options;

namespace Mmm.Science.Data;

/// <summary>
/// The run config key <c>roiPriors</c>: an array of prior beliefs about channels' returns, each
/// <c>{"channel": "media_tv", "roas": 2.5, "sd": 0.8}</c> or <c>{"channel": "media_search", "share": 0.05, "sd": 0.02}</c>,
/// with optional <c>start</c> and <c>end</c> dates (each defaults to that end of the fitted training weeks). Read and
/// checked here, then resolved against the panel's channels, costs and calendar (<see cref="Resolve"/>).
/// </summary>
internal static class RoiPriors
{
    public const string Key = "roiPriors";

    private const string Roas = "roas", Share = "share";

    private static readonly string[] Fields = ["channel", Roas, Share, "sd", "start", "end"];

    /// <summary>Reads and checks the key; absent or JSON null means no priors.</summary>
    public static IReadOnlyList<RoiPrior> FromJson(JsonObject root, string sourceName)
    {
        if (!root.TryGetPropertyValue(Key, out var node) || node is null) return [];
        if (node is not JsonArray items)
            throw Bad(sourceName, $"run config key '{Key}' must be an array of priors, e.g. [{{\"channel\": \"media_tv\", \"roas\": 2.5, \"sd\": 0.8}}]");
        var priors = items.Select((item, i) => Read(item, i, sourceName)).ToList();
        for (int i = 0; i < priors.Count; i++)
        {
            int first = priors.FindIndex(p => string.Equals(p.Channel, priors[i].Channel, StringComparison.Ordinal));
            if (first < i)
                throw Bad(sourceName, $"run config key '{Key}', prior {i} ({priors[i].Channel}) is on the channel of prior {first}; give one prior per channel");
        }
        return priors;
    }

    /// <summary>
    /// The run config rejects a key given twice before any key is read, so that error cannot name the entry; this
    /// finds a field given twice in a prior, e.g. two values, to name it. Null when there is none or the JSON is broken.
    /// </summary>
    public static PanelInputException? FieldGivenTwice(string json, string sourceName)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(Key, out var items) || items.ValueKind != JsonValueKind.Array) return null;
            int index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.EnumerateObject().GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
                {
                    var channel = item.EnumerateObject().FirstOrDefault(f => f.Name == "channel").Value;
                    var named = channel.ValueKind == JsonValueKind.String ? $" ({channel.GetString()})" : "";
                    return Bad(sourceName, $"run config key '{Key}', prior {index}{named} gives '{twice.Key}' twice");
                }
                index++;
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RoiPrior Read(JsonNode? item, int index, string sourceName)
    {
        string at = $"run config key '{Key}', prior {index}";
        if (item is not JsonObject prior)
            throw Bad(sourceName, $"{at} must be an object with channel, roas or share, and sd");
        foreach (var (name, _) in prior)
            if (!Fields.Contains(name))
                throw Bad(sourceName, $"{at} has the unknown field '{name}' (fields: {string.Join(", ", Fields)})");
        var fields = new ConfigEntryFields(prior, at, sourceName, Key);
        var channel = fields.Text("channel");
        at = $"{at} ({channel})";
        fields = new ConfigEntryFields(prior, at, sourceName, Key); // the messages from here on name the channel too
        var kind = (prior.ContainsKey(Roas), prior.ContainsKey(Share)) switch
        {
            (true, false) => RoiPriorKind.Roas,
            (false, true) => RoiPriorKind.Share,
            (true, true) => throw Bad(sourceName, $"{at} gives both '{Roas}' and '{Share}'; a prior is on one of them"),
            _ => throw Bad(sourceName, $"{at} needs '{Roas}' (KPI units per unit of spend) or '{Share}' (fraction of the KPI)"),
        };
        double value = fields.Number(kind == RoiPriorKind.Roas ? Roas : Share);
        if (kind == RoiPriorKind.Roas && value < 0)
            throw Bad(sourceName, $"{at} has roas {Invariant(value)}; a ROAS must be >= 0");
        if (kind == RoiPriorKind.Share && value is < 0 or >= 1)
            throw Bad(sourceName, $"{at} has share {Invariant(value)}; a share of the KPI must be >= 0 and below 1");
        double sd = fields.Number("sd");
        if (sd <= 0)
            throw Bad(sourceName, $"{at} has sd {Invariant(sd)}; the standard deviation of a prior must be > 0");
        DateOnly? start = fields.Date("start", optional: true), end = fields.Date("end", optional: true);
        if (start is { } s && end is { } e && e < s)
            throw Bad(sourceName, $"{at} ends ({Format(e)}) before it starts ({Format(s)})");
        return new RoiPrior(channel, kind, value, sd, start, end);
    }

    public static void WriteTo(JsonObject root, IReadOnlyList<RoiPrior> priors)
    {
        if (priors.Count == 0) return;
        var array = new JsonArray();
        foreach (var p in priors)
        {
            var item = new JsonObject { ["channel"] = p.Channel, [p.Kind == RoiPriorKind.Roas ? Roas : Share] = p.Value, ["sd"] = p.StandardDeviation };
            if (p.Start is { } start) item["start"] = Format(start);
            if (p.End is { } end) item["end"] = Format(end);
            array.Add(item);
        }
        root[Key] = array;
    }

    /// <summary>
    /// Each prior against the panel: its channel must be a media channel, with a known spend for a ROAS, and its
    /// window must hold at least one row with spend (ROAS) or KPI (share) summing above 0. A missing start or end is
    /// that end of the weeks the model is fitted on (<see cref="TrainingWeeks"/>: after burn-in, before the holdout);
    /// a given date bounds the window by the calendar, whatever the split.
    /// </summary>
    public static IReadOnlyList<PanelRoiPrior> Resolve(IReadOnlyList<RoiPrior> priors, Panel panel, MmmOptions options, string source)
    {
        var training = TrainingWeeks.Of(panel.PeriodCount, options);
        var resolved = new List<PanelRoiPrior>(priors.Count);
        for (int i = 0; i < priors.Count; i++)
        {
            var prior = priors[i];
            string at = $"the run config key '{Key}', prior {i} ({prior.Channel}),";
            int channel = ConfigEntryFields.IndexOf(panel.Channels, prior.Channel);
            if (channel < 0)
                throw new PanelInputException(ErrorCodes.BadConfig, source,
                    $"{at} is on a channel that is not a media channel of this file (channels: {ConfigEntryFields.Listed(panel.Channels)})", column: prior.Channel);
            var spendPerUnit = panel.SpendPerUnit(channel);
            if (prior.Kind == RoiPriorKind.Roas && spendPerUnit is null)
                throw new PanelInputException(ErrorCodes.BadConfig, source,
                    $"{at} is a ROAS, but the spend of '{prior.Channel}' is unknown: give the cost of one unit of it in the run config key '{ChannelCosts.Key}', or a '{Share}' prior",
                    column: prior.Channel);
            var cells = Enumerable.Range(0, panel.RegionCount)
                .SelectMany(r => Enumerable.Range(0, panel.PeriodCount).Where(p => InWindow(prior, panel, training, p) && panel.IsPresent(r, p)).Select(p => panel.Cell(r, p)))
                .ToList();
            if (cells.Count == 0)
                throw new PanelInputException(ErrorCodes.BadConfig, source,
                    $"{at} covers no row of the file: no date lies from {From(prior)} to {To(prior)} (the file runs from {Format(panel.Dates[0])} to {Format(panel.Dates[^1])}{TrainingText(panel, training)})",
                    column: Key, date: prior.Start);
            double denominator = prior.Kind == RoiPriorKind.Roas
                ? cells.Sum(cell => panel.Media[cell * panel.ChannelCount + channel]) * spendPerUnit!.Value
                : cells.Sum(cell => panel.Kpi[cell]);
            if (!(denominator > 0))
                throw new PanelInputException(ErrorCodes.BadConfig, source, prior.Kind == RoiPriorKind.Roas
                        ? $"{at} has no spend in its window: '{prior.Channel}' spends 0 over its {cells.Count} rows{Dated(panel, cells)}"
                        : $"{at} has no KPI in its window: the KPI sums to {Invariant(denominator)} over its {cells.Count} rows{Dated(panel, cells)}; a share needs a KPI above 0",
                    column: Key, date: prior.Start);
            resolved.Add(new PanelRoiPrior(prior, channel, cells, denominator));
        }
        return resolved;
    }

    private static bool InWindow(RoiPrior prior, Panel panel, (int First, int End) training, int period) =>
        (prior.Start is { } start ? panel.Dates[period] >= start : period >= training.First)
        && (prior.End is { } end ? panel.Dates[period] <= end : period < training.End);

    private static string From(RoiPrior prior) => prior.Start is { } start ? Format(start) : "the start of the training weeks";

    private static string To(RoiPrior prior) => prior.End is { } end ? Format(end) : "the end of the training weeks";

    private static string TrainingText(Panel panel, (int First, int End) training) =>
        training.First < training.End ? $"; its training weeks from {Format(panel.Dates[training.First])} to {Format(panel.Dates[training.End - 1])}" : "; it has no training weeks";

    private static string Dated(Panel panel, IReadOnlyList<int> cells)
    {
        var dates = cells.Select(cell => panel.Dates[cell % panel.PeriodCount]).ToList();
        return $" from {Format(dates.Min())} to {Format(dates.Max())}";
    }

    private static string Invariant(double x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Format(DateOnly date) => PanelInputException.FormatDate(date);

    private static PanelInputException Bad(string sourceName, string detail) => RunConfig.BadConfig(sourceName, detail, Key);
}
