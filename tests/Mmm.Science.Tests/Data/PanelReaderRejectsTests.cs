using Mmm.Science.Data;
using Parquet;
using Parquet.Schema;
using static Mmm.Science.Tests.Data.PanelReading;

namespace Mmm.Science.Tests.Data;

/// <summary>Every kind of bad input is rejected with its code and a message that says where.</summary>
public class PanelReaderRejectsTests
{
    /// <summary>
    /// One bad input and what its rejection must say. <see cref="Message"/> is the whole message; the other
    /// expectations are checked only where set.
    /// </summary>
    public sealed record Rejection(string Code, Func<Task<Stream>> Input)
    {
        public Func<RunConfig>? Config { get; init; }
        public PanelLimits? Limits { get; init; }
        public string? Message { get; init; }
        public string? MessageStart { get; init; }
        public string[] Fragments { get; init; } = [];
        public string? File { get; init; }
        public string? Column { get; init; }
        public string? Region { get; init; }
        public DateOnly? Date { get; init; }
        public long? Row { get; init; }
    }

    private static Func<Task<Stream>> Bytes(Func<Task<byte[]>> bytes) => async () => new MemoryStream(await bytes());

    private static Func<Task<Stream>> File(Func<ParquetTestFile> file) => async () => await file().BuildAsync();

    /// <summary>The small panel after <paramref name="change"/>, as a file.</summary>
    private static Func<Task<Stream>> Panel(Action<SmallPanel> change) => File(() =>
    {
        var panel = SmallPanel.Create();
        change(panel);
        return panel.ToFile();
    });

    private static Func<RunConfig> Config(string json, string source) => () => RunConfig.Parse(json, source);

    private static int RowOf(string region, int week) => SmallPanel.Create().Row(region, week);

    private static readonly Dictionary<string, Rejection> Cases = new()
    {
        ["Random bytes are not parquet"] = new(ErrorCodes.NotParquet, Bytes(() =>
        {
            var bytes = new byte[4096];
            new Random(7).NextBytes(bytes);
            return Task.FromResult(bytes);
        }))
        { MessageStart = "test.parquet: not a readable Parquet file" },

        ["A truncated file is not parquet"] = new(ErrorCodes.NotParquet, Bytes(async () =>
        {
            var bytes = await System.IO.File.ReadAllBytesAsync(DataFile("pymc-example.parquet"));
            return bytes[..(bytes.Length / 2)];
        }))
        { File = "test.parquet" },

        ["A file with a corrupt body is not parquet"] = new(ErrorCodes.NotParquet, Bytes(async () =>
        {
            using var valid = await SmallPanel.Create().ToFile().BuildAsync();
            var bytes = valid.ToArray();
            // Keep the magic bytes and footer, scribble over the column chunks.
            for (var i = 8; i < bytes.Length / 2; i++) bytes[i] = 0xFF;
            return bytes;
        })),

        ["No date column"] = new(ErrorCodes.MissingColumn, File(() => SmallPanel.Create().ToFile().Remove("date")))
        { Fragments = ["no date column"] },

        ["No KPI column"] = new(ErrorCodes.MissingColumn, File(() => SmallPanel.Create().ToFile().Remove("kpi")))
        { Fragments = ["no KPI column"] },

        ["No media column"] = new(ErrorCodes.MissingColumn, File(() => SmallPanel.Create().ToFile().Remove("media_tv").Remove("media_radio")))
        { Fragments = ["no media channel"] },

        ["Two target columns and no KPI are ambiguous"] = new(ErrorCodes.AmbiguousRole, File(() =>
        {
            var panel = SmallPanel.Create();
            return panel.ToFile().Remove("kpi")
                .Column("target_sales", panel.Kpi.ToArray())
                .Column("target_visits", panel.Kpi.ToArray());
        }))
        { Fragments = ["'target_sales'", "'target_visits'"] },

        ["A KPI column next to a target column is ambiguous"] = new(ErrorCodes.AmbiguousRole, File(() =>
        {
            var panel = SmallPanel.Create();
            return panel.ToFile().Column("target_visits", panel.Kpi.ToArray());
        }))
        {
            Column = "target_visits",
            Message = "test.parquet: the KPI is ambiguous: the file has both 'kpi' and 'target_visits' (a column starting with 'target' is a KPI too); name the KPI in the run config key 'kpi'",
        },

        // 20 weeks, holdout floor(20 * 0.12) = 2 (minTrainWeeks lowered to allow it), burn-in 6: training weeks 6..17.
        ["A control constant over the training weeks is rejected though it moves in the holdout"] = new(ErrorCodes.ConstantControl, Panel(panel =>
        {
            for (var i = 0; i < panel.RowCount; i++)
                panel.Price[i] = panel.Dates[i] >= SmallPanel.Start.AddDays(7 * 18) ? 2.5 : 1.5;
        }))
        {
            Config = Config("""{ "minTrainWeeks": 10 }""", "run.json"),
            File = "test.parquet",
            Column = "control_price",
            Message = "test.parquet: control column 'control_price' is constant (1.5) over the training weeks 2021-02-15 to 2021-05-03, so its effect cannot be estimated; drop the column or leave it out of the run config key 'controls'",
        },

        ["A control that moves only in the burn-in weeks is constant over the training weeks"] = new(ErrorCodes.ConstantControl, Panel(panel =>
        {
            for (var i = 0; i < panel.RowCount; i++)
                panel.Price[i] = panel.Dates[i] < SmallPanel.Start.AddDays(7 * 6) ? i : 3;
        }))
        { Fragments = ["control column 'control_price' is constant (3)"] },

        ["A cost per unit for a column that is not a channel"] = new(ErrorCodes.BadConfig, File(() => SmallPanel.Create().ToFile()))
        {
            Config = Config("""{ "costPerUnit": { "impressions_tv": 0.004 } }""", "run.json"),
            Column = "impressions_tv",
            Message = "test.parquet: the run config key 'costPerUnit' names 'impressions_tv', which is not a media channel of this file (channels: 'media_tv', 'media_radio')",
        },

        ["A cost per unit for a spend column"] = new(ErrorCodes.BadConfig, File(() =>
        {
            var panel = SmallPanel.Create();
            return panel.ToFile().Column("spend_search", panel.Tv.ToArray());
        }))
        {
            Config = Config("""{ "costPerUnit": { "spend_search": 2 } }""", "run.json"),
            Column = "spend_search",
            Fragments = ["whose name says it is spend already"],
        },

        ["A column claimed by a config override and a name rule is ambiguous"] = new(ErrorCodes.AmbiguousRole, File(() => SmallPanel.Create().ToFile()))
        {
            Config = Config("""{ "controls": ["media_radio"] }""", "test.json"),
            Column = "media_radio",
            Fragments = ["column 'media_radio' is claimed by two roles: media and control"],
        },

        ["A config override naming a missing column"] = new(ErrorCodes.MissingColumn, File(() => SmallPanel.Create().ToFile()))
        {
            Config = Config("""{ "kpi": "revenue" }""", "test.json"),
            Column = "revenue",
            Fragments = ["'revenue'"],
        },

        ["A role column of the wrong type"] = new(ErrorCodes.InvalidType, File(() =>
        {
            var panel = SmallPanel.Create();
            return panel.ToFile().Column("date", Enumerable.Range(0, panel.RowCount).Select(i => (double)i).ToArray());
        }))
        { Column = "date" },

        ["Two columns with the same name are ambiguous"] = new(ErrorCodes.AmbiguousRole, async () =>
        {
            var date = new DataField<DateOnly>("date");
            var first = new DataField<double>("media_tv");
            var second = new DataField<double>("media_tv");
            var stream = new MemoryStream();
            await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(date, first, second), stream))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<DateOnly>(date, new[] { SmallPanel.Start });
                await group.WriteAsync<double>(first, new[] { 1.0 });
                await group.WriteAsync<double>(second, new[] { 2.0 });
            }
            stream.Position = 0;
            return stream;
        })
        { Message = "test.parquet: the file has two columns named 'media_tv'" },

        ["Duplicate region and date names both rows"] = new(ErrorCodes.DuplicateRow, Panel(panel => panel.Dates[panel.Row("r2", 5)] = SmallPanel.Start.AddDays(7 * 4)))
        {
            Region = "r2",
            Date = new DateOnly(2021, 2, 1),
            Message = "test.parquet: region 'r2' has two rows for date 2021-02-01 (rows 24 and 25)",
        },

        ["A missing week inside a region is a gap"] = new(ErrorCodes.Gap, Panel(panel => panel.RemoveRow(panel.Row("r1", 7))))
        {
            Region = "r1",
            Date = new DateOnly(2021, 2, 22),
            Fragments = ["region 'r1' has no row for date 2021-02-22"],
        },

        ["A date off the step is uneven spacing"] = new(ErrorCodes.UnevenSpacing, Panel(panel =>
        {
            var row = panel.Row("r2", 19);
            panel.Dates[row] = panel.Dates[row].AddDays(3);
        }))
        {
            Region = "r2",
            Date = new DateOnly(2021, 5, 20),
            Row = RowOf("r2", 19),
            Fragments = ["region 'r2' has dates 2021-05-10 (row 38) and 2021-05-20 (row 39) 10 days apart, which is not a multiple of the panel's step of 7 days"],
        },

        // 2021-03-15 + 3 days leaves r2 with spacings 10 and 4; the step becomes 4 and r1's 7-day weeks break it.
        ["A stray date that shrinks the step is named in the message"] = new(ErrorCodes.UnevenSpacing, Panel(panel =>
        {
            var row = panel.Row("r2", 10);
            panel.Dates[row] = panel.Dates[row].AddDays(3);
        }))
        { Fragments = ["step of 4 days (the smallest spacing, seen in region 'r2' at 2021-03-22)"] },

        ["Regions on different weekdays do not align"] = new(ErrorCodes.UnevenSpacing, Panel(panel =>
        {
            for (var i = 0; i < panel.RowCount; i++)
                if (panel.Regions[i] == "r2") panel.Dates[i] = panel.Dates[i].AddDays(1);
        }))
        {
            Region = "r2",
            Date = new DateOnly(2021, 1, 5),
            Fragments = ["not on the shared calendar"],
        },

        ["A null value names column, region, date and row"] = new(ErrorCodes.InvalidValue, File(() =>
        {
            var panel = SmallPanel.Create();
            var kpi = panel.Kpi.Select(v => (double?)v).ToArray();
            kpi[panel.Row("r2", 3)] = null;
            return panel.ToFile().NullableColumn("kpi", kpi);
        }))
        {
            Column = "kpi",
            Region = "r2",
            Date = new DateOnly(2021, 1, 25),
            Row = RowOf("r2", 3),
            Message = $"test.parquet: column 'kpi' has a null value at region 'r2', date 2021-01-25 (row {RowOf("r2", 3)})",
        },

        ["A null date"] = new(ErrorCodes.InvalidValue, File(() =>
        {
            var panel = SmallPanel.Create();
            var dates = panel.Dates.Select(d => (DateOnly?)d).ToArray();
            dates[3] = null;
            return panel.ToFile().NullableColumn("date", dates);
        }))
        { Message = "test.parquet: column 'date' has a null value at region 'r1' (row 3)" },

        ["NaN in a control"] = new(ErrorCodes.InvalidValue, Panel(panel => panel.Price[panel.Row("r1", 2)] = double.NaN))
        { Message = "test.parquet: column 'control_price' has a non-finite value (NaN) at region 'r1', date 2021-01-18 (row 2)" },

        ["Infinity in media"] = new(ErrorCodes.InvalidValue, Panel(panel => panel.Tv[panel.Row("r2", 0)] = double.PositiveInfinity))
        {
            Column = "media_tv",
            Fragments = ["non-finite value (Infinity) at region 'r2', date 2021-01-04 (row 20)"],
        },

        ["Negative media"] = new(ErrorCodes.NegativeMedia, Panel(panel => panel.Radio[panel.Row("r2", 8)] = -3))
        { Message = "test.parquet: column 'media_radio' has a negative value (-3) at region 'r2', date 2021-03-01 (row 28)" },

        ["A constant channel"] = new(ErrorCodes.ConstantChannel, Panel(panel =>
        {
            for (var i = 0; i < panel.RowCount; i++) panel.Tv[i] = 4.5;
        }))
        {
            Column = "media_tv",
            Fragments = ["media column 'media_tv' is constant (4.5)"],
        },

        ["An all-zero channel"] = new(ErrorCodes.ConstantChannel, Panel(panel =>
        {
            for (var i = 0; i < panel.RowCount; i++) panel.Radio[i] = 0;
        }))
        { Fragments = ["media column 'media_radio' is all zero"] },

        // Defaults: burn-in 6 + floor(14 * 0.12) = 1 holdout + 8 = 15 periods needed.
        ["A calendar too short to train"] = new(ErrorCodes.TooShort, File(() => SmallPanel.Create(weeks: 14).ToFile()))
        { Message = "test.parquet: the panel calendar has 14 periods, fewer than the 15 needed to train (burn-in 6 + holdout 1 + 8)" },

        ["Too many rows"] = new(ErrorCodes.TooLarge, File(() => SmallPanel.Create().ToFile()))
        {
            Limits = new PanelLimits { MaxRows = 39 },
            Fragments = ["40 rows, more than the limit of 39"],
        },

        ["Too many columns"] = new(ErrorCodes.TooLarge, File(() => SmallPanel.Create().ToFile()))
        {
            Limits = new PanelLimits { MaxColumns = 5 },
            Fragments = ["6 columns"],
        },

        ["An unparseable string date"] = new(ErrorCodes.InvalidValue, File(() =>
        {
            var panel = SmallPanel.Create();
            var texts = panel.Dates.Select(d => d.ToString("yyyy-MM-dd")).ToArray();
            texts[5] = "2021/02/08";
            return panel.ToFile().Strings("date", texts);
        }))
        {
            Row = 5,
            Fragments = ["column 'date' has '2021/02/08', which is not a date in yyyy-MM-dd form, at region 'r1' (row 5)"],
        },

        ["A bad config in the Parquet metadata names the metadata key"] = new(ErrorCodes.UnknownConfigKey, File(() => SmallPanel.Create().ToFile().Metadata("mmm.config", """{ "epochz": 3 }""")))
        { Message = "test.parquet (mmm.config): unknown run config key 'epochz' (not a column role nor a model or training setting)" },
    };

    public static TheoryData<string> CaseNames
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in Cases.Keys) names.Add(name);
            return names;
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_rejected_with_its_code_and_where(string name)
    {
        var expected = Cases[name];
        using var stream = await expected.Input();

        var error = await RejectAsync(stream, expected.Config?.Invoke(), expected.Limits);

        Assert.Equal(expected.Code, error.Code);
        if (expected.Message is not null) Assert.Equal(expected.Message, error.Message);
        if (expected.MessageStart is not null) Assert.StartsWith(expected.MessageStart, error.Message);
        foreach (var fragment in expected.Fragments) Assert.Contains(fragment, error.Message);
        if (expected.File is not null) Assert.Equal(expected.File, error.File);
        if (expected.Column is not null) Assert.Equal(expected.Column, error.Column);
        if (expected.Region is not null) Assert.Equal(expected.Region, error.Region);
        if (expected.Date is not null) Assert.Equal(expected.Date, error.Date);
        if (expected.Row is not null) Assert.Equal(expected.Row, error.Row);
    }

    [Fact]
    public async Task The_shortest_calendar_that_trains_is_accepted()
    {
        var (panel, _) = await ReadAsync(SmallPanel.Create(weeks: 15).ToFile());

        Assert.Equal(15, panel.PeriodCount);
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
