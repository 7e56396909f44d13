using Mmm.Science.Data;
using Parquet.Schema;
using static Mmm.Science.Tests.Data.PanelReading;

namespace Mmm.Science.Tests.Data;

/// <summary>The input shapes and types the contract accepts, and what they become in the panel.</summary>
public class PanelReaderAcceptsTests
{
    [Fact]
    public async Task A_ragged_region_is_padded_and_masked_outside_its_span()
    {
        // r2 starts at week 3 and ends at week 16 of the 20-week calendar.
        var panel = SmallPanel.Create();
        foreach (var week in new[] { 19, 18, 17, 2, 1, 0 }) panel.RemoveRow(panel.Row("r2", week));

        var (read, _) = await ReadAsync(panel.ToFile());

        Assert.Equal(20, read.PeriodCount);
        Assert.Equal(6, read.AbsentCells);
        Assert.Equal(34, read.RowCount);
        var present = Enumerable.Range(0, 20).Where(t => read.IsPresent(1, t)).ToList();
        Assert.Equal(Enumerable.Range(3, 14), present);
        Assert.All(Enumerable.Range(0, 20), t => Assert.True(read.IsPresent(0, t)));
        Assert.Equal((0.0, 0.0, 0.0), (read.KpiAt(1, 0), read.MediaAt(1, 0, 0), read.ControlAt(1, 19, 0)));
        Assert.Equal(113, read.KpiAt(1, 3));
    }

    [Fact]
    public async Task A_ragged_region_shorter_than_the_training_minimum_is_masked_not_rejected()
    {
        var panel = SmallPanel.Create();
        for (var week = 19; week >= 3; week--) panel.RemoveRow(panel.Row("r2", week));

        var (read, _) = await ReadAsync(panel.ToFile());

        Assert.Equal(3, Enumerable.Range(0, 20).Count(t => read.IsPresent(1, t)));
    }

    [Fact]
    public async Task Rows_in_any_order_land_in_their_cells()
    {
        var ordered = SmallPanel.Create();
        var shuffled = SmallPanel.Create();
        var order = Enumerable.Range(0, shuffled.RowCount).OrderBy(i => (i * 17) % 40).ToArray();
        var file = new ParquetTestFile()
            .Column("date", order.Select(i => shuffled.Dates[i]).ToArray())
            .Strings("region", order.Select(i => shuffled.Regions[i]).ToArray())
            .Column("kpi", order.Select(i => shuffled.Kpi[i]).ToArray())
            .Column("media_tv", order.Select(i => shuffled.Tv[i]).ToArray());

        var (read, _) = await ReadAsync(file);

        Assert.Equal(["r1", "r2"], read.Regions);
        Assert.Equal(ordered.Kpi, read.Kpi);
        Assert.Equal(ordered.Tv, read.Media);
    }

    [Fact]
    public async Task String_dates()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile().Strings("date", panel.Dates.Select(d => d.ToString("yyyy-MM-dd")).ToArray());

        var (read, _) = await ReadAsync(file);

        Assert.Equal(SmallPanel.Start, read.Dates[0]);
        Assert.Equal(7, read.StepDays);
        Assert.Equal(20, read.PeriodCount);
    }

    [Theory]
    [InlineData(DateTimeTimeUnit.Millis)]
    [InlineData(DateTimeTimeUnit.Micros)]
    [InlineData(DateTimeTimeUnit.Nanos)]
    public async Task Timestamp_dates_keep_the_date_part(DateTimeTimeUnit unit)
    {
        var panel = SmallPanel.Create();
        var stamps = panel.Dates.Select(d => d.ToDateTime(new TimeOnly(9, 30), DateTimeKind.Utc)).ToArray();

        var (read, _) = await ReadAsync(panel.ToFile().Timestamps("date", stamps, unit));

        Assert.Equal(SmallPanel.Start, read.Dates[0]);
        Assert.Equal(SmallPanel.Start.AddDays(7 * 19), read.Dates[^1]);
    }

    [Fact]
    public async Task Integer_region_ids_sort_numerically_and_format_invariant()
    {
        var panel = SmallPanel.Create(regions: 3);
        var ids = panel.Regions.Select(r => r switch { "r1" => 100L, "r2" => 9L, _ => -5L }).ToArray();

        var (read, _) = await ReadAsync(panel.ToFile().Column("region", ids));

        Assert.Equal(["-5", "9", "100"], read.Regions);
        Assert.Equal(100, read.KpiAt(2, 0)); // r1's KPI starts at 100 and r1 is id 100, the last region
    }

    [Fact]
    public async Task Boolean_controls_read_as_zero_and_one()
    {
        var panel = SmallPanel.Create();
        var holiday = Enumerable.Range(0, panel.RowCount).Select(i => i % 4 == 1).ToArray();

        var (read, _) = await ReadAsync(panel.ToFile().Column("control_holiday", holiday));

        Assert.Equal(["control_price", "control_holiday"], read.Controls);
        Assert.Equal([0.0, 1.0, 0.0, 0.0, 0.0, 1.0], Enumerable.Range(0, 6).Select(t => read.ControlAt(0, t, 1)));
    }

    [Fact]
    public async Task Integer_float_and_decimal_numbers_and_nullable_columns_without_nulls()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile()
            .Column("kpi", panel.Kpi.Select(v => (int)v).ToArray())
            .Column("media_tv", panel.Tv.Select(v => (float)v).ToArray())
            .Decimals("media_radio", panel.Radio.Select(v => (decimal)v + 0.25m).ToArray())
            .Column("spend_search", panel.Tv.Select(v => (ushort)(v * 2)).ToArray())
            .NullableColumn("impressions_social", panel.Radio.Select(v => (long?)(v + 1)).ToArray());

        var (read, _) = await ReadAsync(file);

        Assert.Equal(["media_tv", "media_radio", "spend_search", "impressions_social"], read.Channels);
        Assert.Equal(panel.Kpi, read.Kpi);
        Assert.Equal(panel.Tv[1], read.MediaAt(0, 1, 0));
        Assert.Equal(panel.Radio[1] + 0.25, read.MediaAt(0, 1, 1));
        Assert.Equal(panel.Tv[1] * 2, read.MediaAt(0, 1, 2));
        Assert.Equal(panel.Radio[1] + 1, read.MediaAt(0, 1, 3));
    }

    [Fact]
    public async Task No_region_column_means_one_region_named_all()
    {
        var panel = SmallPanel.Create(regions: 1);

        var (read, _) = await ReadAsync(panel.ToFile().Remove("region"));

        Assert.Equal(["all"], read.Regions);
        Assert.Equal(20, read.RowCount);
    }

    [Fact]
    public async Task Unclaimed_columns_are_ignored_and_listed_in_file_order()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile()
            .Column("notes_id", Enumerable.Range(0, panel.RowCount).ToArray())
            .Column("Media_upper", panel.Tv.ToArray())
            .Column("target_secondary", panel.Kpi.ToArray());

        // 'kpi' next to a target* column is ambiguous unless the config names the KPI.
        var (read, _) = await ReadAsync(file, RunConfig.Parse("""{ "kpi": "kpi" }""", "run.json"));

        Assert.Equal("kpi", read.KpiName);
        Assert.Equal(["notes_id", "Media_upper", "target_secondary"], read.IgnoredColumns);
        Assert.Equal(2, read.ChannelCount);
    }

    [Fact]
    public async Task A_single_target_column_is_the_kpi()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile().Remove("kpi").Column("target_sales", panel.Kpi.ToArray());

        var (read, _) = await ReadAsync(file);

        Assert.Equal("target_sales", read.KpiName);
        Assert.Equal(panel.Kpi, read.Kpi);
    }

    [Fact]
    public async Task Naming_the_kpi_in_the_config_settles_a_kpi_and_a_target_column()
    {
        var panel = SmallPanel.Create();
        var visits = panel.Kpi.Select(v => 2 * v).ToArray();
        var file = panel.ToFile().Column("target_visits", visits);

        var (read, _) = await ReadAsync(file, RunConfig.Parse("""{ "kpi": "target_visits" }""", "run.json"));

        Assert.Equal("target_visits", read.KpiName);
        Assert.Equal(visits, read.Kpi);
        Assert.Equal(["kpi"], read.IgnoredColumns);
    }

    [Fact]
    public async Task A_panel_without_controls_is_accepted()
    {
        var (read, _) = await ReadAsync(SmallPanel.Create().ToFile().Remove("control_price"));

        Assert.Empty(read.Controls);
        Assert.Empty(read.ControlValues);
    }

    [Fact]
    public async Task Costs_per_unit_reach_the_panel_and_say_what_a_unit_of_each_channel_costs()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile()
            .Column("impressions_social", panel.Radio.ToArray())
            .Column("impressions_display", panel.Tv.ToArray())
            .Column("spend_search", panel.Tv.ToArray());
        var config = RunConfig.Parse("""{ "costPerUnit": { "impressions_social": 0.004, "media_radio": 12.5 } }""", "run.json");

        var (read, _) = await ReadAsync(file, config);

        Assert.Equal(["media_tv", "media_radio", "impressions_social", "impressions_display", "spend_search"], read.Channels);
        Assert.Equal([1.0, 12.5, 0.004, null, 1.0], Enumerable.Range(0, read.ChannelCount).Select(read.SpendPerUnit));
    }

    [Fact]
    public async Task Config_role_overrides_replace_the_name_rules()
    {
        var panel = SmallPanel.Create();
        var file = new ParquetTestFile()
            .Column("week", panel.Dates.ToArray())
            .Strings("dma", panel.Regions.ToArray())
            .Column("sales", panel.Kpi.ToArray())
            .Column("tv", panel.Tv.ToArray())
            .Column("media_radio", panel.Radio.ToArray())
            .Column("price", panel.Price.ToArray());
        var config = RunConfig.Parse("""{ "date": "week", "region": "dma", "kpi": "sales", "media": ["tv"], "controls": ["price"] }""", "run.json");

        var (read, _) = await ReadAsync(file, config);

        Assert.Equal("sales", read.KpiName);
        Assert.Equal(["tv"], read.Channels);
        Assert.Equal(["price"], read.Controls);
        Assert.Equal(["media_radio"], read.IgnoredColumns);
        Assert.Equal(["r1", "r2"], read.Regions);
    }

    [Fact]
    public async Task The_config_in_parquet_metadata_is_honoured()
    {
        var file = SmallPanel.Create().ToFile().Metadata("mmm.config", """{ "epochs": 12, "dagMode": "triangular", "controls": [] }""");

        var (read, config) = await ReadAsync(file);

        Assert.Equal(12, config.Options.Epochs);
        Assert.Equal(Mmm.Science.Options.DagMode.Triangular, config.Options.DagMode);
        Assert.Empty(read.Controls);
        Assert.Equal(["control_price"], read.IgnoredColumns);
    }

    [Fact]
    public async Task An_explicit_config_wins_over_the_parquet_metadata()
    {
        var file = SmallPanel.Create().ToFile().Metadata("mmm.config", """{ "epochs": 12 }""");
        var explicitConfig = RunConfig.Parse("""{ "epochs": 3 }""", "run.json");

        var (_, config) = await ReadAsync(file, explicitConfig);

        Assert.Equal(3, config.Options.Epochs);
    }

    [Fact]
    public async Task The_too_short_check_uses_the_effective_options()
    {
        // 10 weeks: too short with defaults (6 + 1 + 8), enough without burn-in and holdout (8).
        var file = SmallPanel.Create(weeks: 10).ToFile();

        var rejected = await RejectAsync(file);
        var (read, _) = await ReadAsync(file.Metadata("mmm.config", """{ "burnInWeeks": 0, "holdoutRatio": 0 }"""));

        Assert.Equal(ErrorCodes.TooShort, rejected.Code);
        Assert.Equal(10, read.PeriodCount);
    }

    [Fact]
    public async Task Daily_panels_infer_a_one_day_step()
    {
        var panel = SmallPanel.Create();
        var daily = Enumerable.Range(0, panel.RowCount).Select(i => SmallPanel.Start.AddDays(i % 20)).ToArray();

        var (read, _) = await ReadAsync(panel.ToFile().Column("date", daily));

        Assert.Equal(1, read.StepDays);
        Assert.Equal(SmallPanel.Start.AddDays(19), read.Dates[^1]);
    }
}
