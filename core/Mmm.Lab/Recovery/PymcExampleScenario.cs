using Mmm.Science.Data;
using Parquet;

namespace Mmm.Lab.Recovery;

/// <summary>
/// The shipped PyMC-Marketing example (one region, 179 weeks, media_x1 and media_x2) against its published
/// data-generating process: <c>x1_contribution</c> and <c>x2_contribution</c> of the truth file are the channels'
/// true contributions by date (true shares of the total KPI 29.05 % and 6.97 %). No planted edges.
/// </summary>
public static class PymcExampleScenario
{
    public const string Name = "pymc-example";
    public const string PanelFile = "pymc-example.parquet";
    public const string TruthFile = "pymc-example-truth.parquet";

    /// <param name="dataDirectory">The folder holding <see cref="PanelFile"/> and <see cref="TruthFile"/> (tests/data).</param>
    public static RecoveryScenario Scenario(string dataDirectory) =>
        new(Name, ["one region", "179 weeks", "published truth"], ct => LoadAsync(dataDirectory, ct));

    public static async Task<RecoveryCase> LoadAsync(string dataDirectory, CancellationToken ct = default)
    {
        string panelPath = Path.Combine(dataDirectory, PanelFile), truthPath = Path.Combine(dataDirectory, TruthFile);
        Panel panel;
        await using (var stream = File.OpenRead(panelPath))
            panel = (await PanelReader.ReadAsync(stream, PanelFile, ct: ct)).Panel;
        if (panel.RegionCount != 1)
            throw new InvalidDataException($"{PanelFile}: expected one region, found {panel.RegionCount}");

        var columns = panel.Channels.Select(c => TruthColumn(c)).ToArray();
        var byDate = await ReadTruthAsync(truthPath, columns, ct);
        var truth = RecoveryTruth.FromPanel(panel, (_, t, c) =>
            byDate.TryGetValue(panel.Dates[t], out var values)
                ? values[c]
                : throw new InvalidDataException($"{TruthFile}: no row for {panel.Dates[t]:yyyy-MM-dd}"), []);
        return new RecoveryCase(Name, panel, truth);
    }

    /// <summary>media_x1 -> x1_contribution.</summary>
    private static string TruthColumn(string channel) =>
        (channel.StartsWith("media_", StringComparison.Ordinal) ? channel["media_".Length..] : channel) + "_contribution";

    private static async Task<Dictionary<DateOnly, double[]>> ReadTruthAsync(string path, string[] columns, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true }, cancellationToken: ct);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var name in columns.Prepend("date"))
            if (!fields.ContainsKey(name)) throw new InvalidDataException($"{TruthFile}: column '{name}' is missing");

        var result = new Dictionary<DateOnly, double[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var dates = (await ParquetColumnReader.ReadDatesAsync(group, fields["date"], ct)).Values;
            var values = new double?[columns.Length][];
            for (int c = 0; c < columns.Length; c++)
                values[c] = await ParquetColumnReader.ReadNumbersAsync(group, fields[columns[c]], ct);
            for (int i = 0; i < dates.Length; i++)
            {
                var date = dates[i] ?? throw new InvalidDataException($"{TruthFile}: row {i} has no date");
                result[date] = values.Select((v, c) => v[i] ?? throw new InvalidDataException($"{TruthFile}: {columns[c]} is null on {date:yyyy-MM-dd}")).ToArray();
            }
        }
        return result;
    }
}
