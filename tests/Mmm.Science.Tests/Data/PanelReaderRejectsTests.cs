using Mmm.Science.Data;
using Parquet;
using Parquet.Schema;
using static Mmm.Science.Tests.Data.PanelReading;

namespace Mmm.Science.Tests.Data;

/// <summary>Every kind of bad input is rejected with its code and a message that says where.</summary>
public class PanelReaderRejectsTests
{
    [Fact]
    public async Task Random_bytes_are_not_parquet()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        var error = await RejectAsync(new MemoryStream(bytes));

        Assert.Equal(ErrorCodes.NotParquet, error.Code);
        Assert.StartsWith("test.parquet: not a readable Parquet file", error.Message);
    }

    [Fact]
    public async Task A_truncated_file_is_not_parquet()
    {
        var bytes = await File.ReadAllBytesAsync(DataFile("pymc-example.parquet"));

        var error = await RejectAsync(new MemoryStream(bytes[..(bytes.Length / 2)]));

        Assert.Equal(ErrorCodes.NotParquet, error.Code);
        Assert.Equal("test.parquet", error.File);
    }

    [Fact]
    public async Task A_file_with_a_corrupt_body_is_not_parquet()
    {
        using var valid = await SmallPanel.Create().ToFile().BuildAsync();
        var bytes = valid.ToArray();
        // Keep the magic bytes and footer, scribble over the column chunks.
        for (var i = 8; i < bytes.Length / 2; i++) bytes[i] = 0xFF;

        var error = await RejectAsync(new MemoryStream(bytes));

        Assert.Equal(ErrorCodes.NotParquet, error.Code);
    }

    [Fact]
    public async Task No_date_column()
    {
        var error = await RejectAsync(SmallPanel.Create().ToFile().Remove("date"));

        Assert.Equal(ErrorCodes.MissingColumn, error.Code);
        Assert.Contains("no date column", error.Message);
    }

    [Fact]
    public async Task No_kpi_column()
    {
        var error = await RejectAsync(SmallPanel.Create().ToFile().Remove("kpi"));

        Assert.Equal(ErrorCodes.MissingColumn, error.Code);
        Assert.Contains("no KPI column", error.Message);
    }

    [Fact]
    public async Task No_media_column()
    {
        var error = await RejectAsync(SmallPanel.Create().ToFile().Remove("media_tv").Remove("media_radio"));

        Assert.Equal(ErrorCodes.MissingColumn, error.Code);
        Assert.Contains("no media channel", error.Message);
    }

    [Fact]
    public async Task Two_target_columns_and_no_kpi_are_ambiguous()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile().Remove("kpi")
            .Column("target_sales", panel.Kpi.ToArray())
            .Column("target_visits", panel.Kpi.ToArray());

        var error = await RejectAsync(file);

        Assert.Equal(ErrorCodes.AmbiguousRole, error.Code);
        Assert.Contains("'target_sales'", error.Message);
        Assert.Contains("'target_visits'", error.Message);
    }

    [Fact]
    public async Task A_kpi_column_next_to_a_target_column_is_ambiguous()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile().Column("target_visits", panel.Kpi.ToArray());

        var error = await RejectAsync(file);

        Assert.Equal(ErrorCodes.AmbiguousRole, error.Code);
        Assert.Equal("target_visits", error.Column);
        Assert.Equal("test.parquet: the KPI is ambiguous: the file has both 'kpi' and 'target_visits' (a column starting with 'target' is a KPI too); name the KPI in the run config key 'kpi'",
            error.Message);
    }

    [Fact]
    public async Task A_control_constant_over_the_training_weeks_is_rejected_though_it_moves_in_the_holdout()
    {
        // 20 weeks, holdout floor(20 * 0.12) = 2 (minTrainWeeks lowered to allow it), burn-in 6: training weeks 6..17.
        var config = RunConfig.Parse("""{ "minTrainWeeks": 10 }""", "run.json");
        var panel = SmallPanel.Create();
        for (var i = 0; i < panel.RowCount; i++)
            panel.Price[i] = panel.Dates[i] >= SmallPanel.Start.AddDays(7 * 18) ? 2.5 : 1.5;

        var error = await RejectAsync(panel.ToFile(), config);

        Assert.Equal(ErrorCodes.ConstantControl, error.Code);
        Assert.Equal(("test.parquet", "control_price"), (error.File, error.Column));
        Assert.Equal("test.parquet: control column 'control_price' is constant (1.5) over the training weeks 2021-02-15 to 2021-05-03, so its effect cannot be estimated; drop the column or leave it out of the run config key 'controls'",
            error.Message);
    }

    [Fact]
    public async Task A_control_that_moves_only_in_the_burn_in_weeks_is_constant_over_the_training_weeks()
    {
        var panel = SmallPanel.Create();
        for (var i = 0; i < panel.RowCount; i++)
            panel.Price[i] = panel.Dates[i] < SmallPanel.Start.AddDays(7 * 6) ? i : 3;

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.ConstantControl, error.Code);
        Assert.Contains("control column 'control_price' is constant (3)", error.Message);
    }

    [Fact]
    public async Task A_cost_per_unit_for_a_column_that_is_not_a_channel()
    {
        var config = RunConfig.Parse("""{ "costPerUnit": { "impressions_tv": 0.004 } }""", "run.json");

        var error = await RejectAsync(SmallPanel.Create().ToFile(), config);

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.Equal("impressions_tv", error.Column);
        Assert.Equal("test.parquet: the run config key 'costPerUnit' names 'impressions_tv', which is not a media channel of this file (channels: 'media_tv', 'media_radio')",
            error.Message);
    }

    [Fact]
    public async Task A_cost_per_unit_for_a_spend_column()
    {
        var panel = SmallPanel.Create();
        var config = RunConfig.Parse("""{ "costPerUnit": { "spend_search": 2 } }""", "run.json");

        var error = await RejectAsync(panel.ToFile().Column("spend_search", panel.Tv.ToArray()), config);

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.Equal("spend_search", error.Column);
        Assert.Contains("whose name says it is spend already", error.Message);
    }

    [Fact]
    public async Task A_column_claimed_by_a_config_override_and_a_name_rule_is_ambiguous()
    {
        var config = RunConfig.Parse("""{ "controls": ["media_radio"] }""", "test.json");

        var error = await RejectAsync(SmallPanel.Create().ToFile(), config);

        Assert.Equal(ErrorCodes.AmbiguousRole, error.Code);
        Assert.Equal("media_radio", error.Column);
        Assert.Contains("column 'media_radio' is claimed by two roles: media and control", error.Message);
    }

    [Fact]
    public async Task A_config_override_naming_a_missing_column()
    {
        var config = RunConfig.Parse("""{ "kpi": "revenue" }""", "test.json");

        var error = await RejectAsync(SmallPanel.Create().ToFile(), config);

        Assert.Equal(ErrorCodes.MissingColumn, error.Code);
        Assert.Equal("revenue", error.Column);
        Assert.Contains("'revenue'", error.Message);
    }

    [Fact]
    public async Task A_role_column_of_the_wrong_type()
    {
        var panel = SmallPanel.Create();
        var file = panel.ToFile().Column("date", Enumerable.Range(0, panel.RowCount).Select(i => (double)i).ToArray());

        var error = await RejectAsync(file);

        Assert.Equal(ErrorCodes.InvalidType, error.Code);
        Assert.Equal("date", error.Column);
    }

    [Fact]
    public async Task Two_columns_with_the_same_name_are_ambiguous()
    {
        var date = new DataField<DateOnly>("date");
        var first = new DataField<double>("media_tv");
        var second = new DataField<double>("media_tv");
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(date, first, second), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateOnly>(date, new[] { SmallPanel.Start });
            await group.WriteAsync<double>(first, new[] { 1.0 });
            await group.WriteAsync<double>(second, new[] { 2.0 });
        }
        stream.Position = 0;

        var error = await RejectAsync(stream);

        Assert.Equal(ErrorCodes.AmbiguousRole, error.Code);
        Assert.Equal("test.parquet: the file has two columns named 'media_tv'", error.Message);
    }

    [Fact]
    public async Task Duplicate_region_and_date_names_both_rows()
    {
        var panel = SmallPanel.Create();
        var row = panel.Row("r2", 5);
        panel.Dates[row] = SmallPanel.Start.AddDays(7 * 4);

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.DuplicateRow, error.Code);
        Assert.Equal("r2", error.Region);
        Assert.Equal(new DateOnly(2021, 2, 1), error.Date);
        Assert.Equal("test.parquet: region 'r2' has two rows for date 2021-02-01 (rows 24 and 25)", error.Message);
    }

    [Fact]
    public async Task A_missing_week_inside_a_region_is_a_gap()
    {
        var panel = SmallPanel.Create();
        panel.RemoveRow(panel.Row("r1", 7));

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.Gap, error.Code);
        Assert.Equal("r1", error.Region);
        Assert.Equal(new DateOnly(2021, 2, 22), error.Date);
        Assert.Contains("region 'r1' has no row for date 2021-02-22", error.Message);
    }

    [Fact]
    public async Task A_date_off_the_step_is_uneven_spacing()
    {
        var panel = SmallPanel.Create();
        var row = panel.Row("r2", 19);
        panel.Dates[row] = panel.Dates[row].AddDays(3);

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.UnevenSpacing, error.Code);
        Assert.Equal(("r2", new DateOnly(2021, 5, 20), (long?)row), (error.Region, error.Date!.Value, error.Row));
        Assert.Contains("region 'r2' has dates 2021-05-10 (row 38) and 2021-05-20 (row 39) 10 days apart, which is not a multiple of the panel's step of 7 days", error.Message);
    }

    [Fact]
    public async Task A_stray_date_that_shrinks_the_step_is_named_in_the_message()
    {
        // 2021-03-15 + 3 days leaves r2 with spacings 10 and 4; the step becomes 4 and r1's 7-day weeks break it.
        var panel = SmallPanel.Create();
        var row = panel.Row("r2", 10);
        panel.Dates[row] = panel.Dates[row].AddDays(3);

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.UnevenSpacing, error.Code);
        Assert.Contains("step of 4 days (the smallest spacing, seen in region 'r2' at 2021-03-22)", error.Message);
    }

    [Fact]
    public async Task Regions_on_different_weekdays_do_not_align()
    {
        var panel = SmallPanel.Create();
        for (var i = 0; i < panel.RowCount; i++)
            if (panel.Regions[i] == "r2") panel.Dates[i] = panel.Dates[i].AddDays(1);

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.UnevenSpacing, error.Code);
        Assert.Equal("r2", error.Region);
        Assert.Equal(new DateOnly(2021, 1, 5), error.Date);
        Assert.Contains("not on the shared calendar", error.Message);
    }

    [Fact]
    public async Task A_null_value_names_column_region_date_and_row()
    {
        var panel = SmallPanel.Create();
        var kpi = panel.Kpi.Select(v => (double?)v).ToArray();
        var row = panel.Row("r2", 3);
        kpi[row] = null;

        var error = await RejectAsync(panel.ToFile().NullableColumn("kpi", kpi));

        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.Equal(("kpi", "r2", new DateOnly(2021, 1, 25), (long?)row), (error.Column, error.Region, error.Date!.Value, error.Row));
        Assert.Equal($"test.parquet: column 'kpi' has a null value at region 'r2', date 2021-01-25 (row {row})", error.Message);
    }

    [Fact]
    public async Task A_null_date()
    {
        var panel = SmallPanel.Create();
        var dates = panel.Dates.Select(d => (DateOnly?)d).ToArray();
        dates[3] = null;

        var error = await RejectAsync(panel.ToFile().NullableColumn("date", dates));

        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.Equal("test.parquet: column 'date' has a null value at region 'r1' (row 3)", error.Message);
    }

    [Fact]
    public async Task NaN_in_a_control()
    {
        var panel = SmallPanel.Create();
        panel.Price[panel.Row("r1", 2)] = double.NaN;

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.Equal("test.parquet: column 'control_price' has a non-finite value (NaN) at region 'r1', date 2021-01-18 (row 2)", error.Message);
    }

    [Fact]
    public async Task Infinity_in_media()
    {
        var panel = SmallPanel.Create();
        panel.Tv[panel.Row("r2", 0)] = double.PositiveInfinity;

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.Equal("media_tv", error.Column);
        Assert.Contains("non-finite value (Infinity) at region 'r2', date 2021-01-04 (row 20)", error.Message);
    }

    [Fact]
    public async Task Negative_media()
    {
        var panel = SmallPanel.Create();
        panel.Radio[panel.Row("r2", 8)] = -3;

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.NegativeMedia, error.Code);
        Assert.Equal("test.parquet: column 'media_radio' has a negative value (-3) at region 'r2', date 2021-03-01 (row 28)", error.Message);
    }

    [Fact]
    public async Task A_constant_channel()
    {
        var panel = SmallPanel.Create();
        for (var i = 0; i < panel.RowCount; i++) panel.Tv[i] = 4.5;

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.ConstantChannel, error.Code);
        Assert.Equal("media_tv", error.Column);
        Assert.Contains("media column 'media_tv' is constant (4.5)", error.Message);
    }

    [Fact]
    public async Task An_all_zero_channel()
    {
        var panel = SmallPanel.Create();
        for (var i = 0; i < panel.RowCount; i++) panel.Radio[i] = 0;

        var error = await RejectAsync(panel.ToFile());

        Assert.Equal(ErrorCodes.ConstantChannel, error.Code);
        Assert.Contains("media column 'media_radio' is all zero", error.Message);
    }

    [Fact]
    public async Task A_calendar_too_short_to_train()
    {
        // Defaults: burn-in 6 + floor(14 * 0.12) = 1 holdout + 8 = 15 periods needed.
        var error = await RejectAsync(SmallPanel.Create(weeks: 14).ToFile());

        Assert.Equal(ErrorCodes.TooShort, error.Code);
        Assert.Equal("test.parquet: the panel calendar has 14 periods, fewer than the 15 needed to train (burn-in 6 + holdout 1 + 8)", error.Message);
    }

    [Fact]
    public async Task The_shortest_calendar_that_trains_is_accepted()
    {
        var (panel, _) = await ReadAsync(SmallPanel.Create(weeks: 15).ToFile());

        Assert.Equal(15, panel.PeriodCount);
    }

    [Fact]
    public async Task Too_many_rows()
    {
        var error = await RejectAsync(SmallPanel.Create().ToFile(), limits: new PanelLimits { MaxRows = 39 });

        Assert.Equal(ErrorCodes.TooLarge, error.Code);
        Assert.Contains("40 rows, more than the limit of 39", error.Message);
    }

    [Fact]
    public async Task Too_many_columns()
    {
        var error = await RejectAsync(SmallPanel.Create().ToFile(), limits: new PanelLimits { MaxColumns = 5 });

        Assert.Equal(ErrorCodes.TooLarge, error.Code);
        Assert.Contains("6 columns", error.Message);
    }

    [Fact]
    public async Task Too_many_bytes_also_for_a_stream_that_cannot_seek()
    {
        using var file = await SmallPanel.Create().ToFile().BuildAsync();
        var limits = new PanelLimits { MaxBytes = file.Length - 1 };

        var seekable = await RejectAsync(new MemoryStream(file.ToArray()), limits: limits);
        var forwardOnly = await RejectAsync(new ForwardOnlyStream(file.ToArray()), limits: limits);

        Assert.Equal(ErrorCodes.TooLarge, seekable.Code);
        Assert.Equal(ErrorCodes.TooLarge, forwardOnly.Code);
    }

    [Fact]
    public async Task An_unparseable_string_date()
    {
        var panel = SmallPanel.Create();
        var texts = panel.Dates.Select(d => d.ToString("yyyy-MM-dd")).ToArray();
        texts[5] = "2021/02/08";

        var error = await RejectAsync(panel.ToFile().Strings("date", texts));

        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.Equal(5, error.Row);
        Assert.Contains("column 'date' has '2021/02/08', which is not a date in yyyy-MM-dd form, at region 'r1' (row 5)", error.Message);
    }

    [Fact]
    public async Task A_bad_config_in_the_parquet_metadata_names_the_metadata_key()
    {
        var error = await RejectAsync(SmallPanel.Create().ToFile().Metadata("mmm.config", """{ "epochz": 3 }"""));

        Assert.Equal(ErrorCodes.UnknownConfigKey, error.Code);
        Assert.Equal("test.parquet (mmm.config): unknown run config key 'epochz' (not a column role nor a model or training setting)", error.Message);
    }
}

/// <summary>A stream that can only be read forwards, like a network download.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
