using Parquet;

namespace Mmm.Science.Tests.Results;

/// <summary>
/// TEST HELPER ONLY: reads the KPI of tests/data/deepcausalmmm-panel.parquet straight with Parquet.Net into
/// row-major [region, week] arrays, so the metrics can be checked before the real PanelReader exists.
/// No validation beyond what these tests need.
/// </summary>
internal sealed record ReferencePanelKpi(IReadOnlyList<string> Regions, IReadOnlyList<DateOnly> Dates, double[] Kpi, bool[] Present)
{
    public static string PathInTestOutput => Path.Combine(AppContext.BaseDirectory, "data", "deepcausalmmm-panel.parquet");

    public int Periods => Dates.Count;

    public static async Task<ReferencePanelKpi> ReadAsync()
    {
        await using var reader = await ParquetReader.CreateAsync(PathInTestOutput, new ParquetOptions { UseDateOnlyTypeForDates = true });
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        var regions = new List<string>();
        var dates = new List<DateOnly>();
        var kpi = new List<double>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            var region = new string?[n];
            await group.ReadAsync(fields["region"], region.AsMemory());
            var date = new DateOnly?[n];
            await group.ReadAsync<DateOnly>(fields["date"], date.AsMemory());
            var visits = new long?[n];
            await group.ReadAsync<long>(fields["target_visits"], visits.AsMemory());
            regions.AddRange(region.Select(r => r!));
            dates.AddRange(date.Select(d => d!.Value));
            kpi.AddRange(visits.Select(v => (double)v!.Value));
        }

        var regionNames = regions.Distinct().Order(StringComparer.Ordinal).ToList();
        var regionIndex = regionNames.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        DateOnly first = dates.Min(), last = dates.Max();
        int periods = (last.DayNumber - first.DayNumber) / 7 + 1;
        var calendar = Enumerable.Range(0, periods).Select(t => first.AddDays(7 * t)).ToList();
        var values = new double[regionNames.Count * periods];
        var present = new bool[values.Length];
        for (int i = 0; i < regions.Count; i++)
        {
            int cell = regionIndex[regions[i]] * periods + (dates[i].DayNumber - first.DayNumber) / 7;
            if (present[cell]) throw new InvalidDataException($"duplicate row {regions[i]} {dates[i]}");
            values[cell] = kpi[i];
            present[cell] = true;
        }
        return new ReferencePanelKpi(regionNames, calendar, values, present);
    }
}
