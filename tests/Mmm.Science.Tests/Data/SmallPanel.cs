namespace Mmm.Science.Tests.Data;

/// <summary>
/// A valid weekly panel as editable row arrays (rows ordered by region, then date): tests break one
/// value and write it with <see cref="ToFile"/>. Columns: date, region, kpi, media_tv, media_radio, control_price.
/// </summary>
internal sealed class SmallPanel
{
    public static readonly DateOnly Start = new(2021, 1, 4);

    public required List<DateOnly> Dates { get; init; }
    public required List<string> Regions { get; init; }
    public required List<double> Kpi { get; init; }
    public required List<double> Tv { get; init; }
    public required List<double> Radio { get; init; }
    public required List<double> Price { get; init; }

    public int RowCount => Dates.Count;

    public static SmallPanel Create(int regions = 2, int weeks = 20)
    {
        var panel = new SmallPanel { Dates = [], Regions = [], Kpi = [], Tv = [], Radio = [], Price = [] };
        for (var r = 0; r < regions; r++)
            for (var t = 0; t < weeks; t++)
            {
                panel.Regions.Add($"r{r + 1}");
                panel.Dates.Add(Start.AddDays(7 * t));
                panel.Kpi.Add(100 + 10 * r + t);
                panel.Tv.Add(5 + (t * 7 + r) % 11);
                panel.Radio.Add((t * 3 + r) % 5);
                panel.Price.Add(1.5 + 0.1 * t);
            }
        return panel;
    }

    /// <summary>Index of the row for (region, week).</summary>
    public int Row(string region, int week) =>
        Enumerable.Range(0, RowCount).Single(i => Regions[i] == region && Dates[i] == Start.AddDays(7 * week));

    public void RemoveRow(int row)
    {
        foreach (var list in new System.Collections.IList[] { Dates, Regions, Kpi, Tv, Radio, Price }) list.RemoveAt(row);
    }

    public ParquetTestFile ToFile() => new ParquetTestFile()
        .Column("date", Dates.ToArray())
        .Strings("region", Regions.ToArray())
        .Column("kpi", Kpi.ToArray())
        .Column("media_tv", Tv.ToArray())
        .Column("media_radio", Radio.ToArray())
        .Column("control_price", Price.ToArray());
}
