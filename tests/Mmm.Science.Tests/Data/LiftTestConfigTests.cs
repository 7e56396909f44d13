using Mmm.Science.Data;

namespace Mmm.Science.Tests.Data;

/// <summary>The run config key liftTests: what it reads, what it writes back, and the errors for bad experiments.</summary>
public class LiftTestConfigTests
{
    private const string TwoTests = """
        { "liftTests": [
            { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "regions": ["r2"], "lift": 120.5, "se": 12 },
            { "channel": "media_radio", "start": "2021-01-04", "end": "2021-01-04", "lift": -3, "se": 0.5 } ] }
        """;

    [Fact]
    public void Experiments_are_read_and_written_back_to_the_same_config()
    {
        var config = RunConfig.Parse(TwoTests, "run.json");

        Assert.Equal(2, config.LiftTests.Count);
        var tv = config.LiftTests[0];
        Assert.Equal(("media_tv", new DateOnly(2021, 2, 1), new DateOnly(2021, 3, 1), 120.5, 12.0), (tv.Channel, tv.Start, tv.End, tv.Lift, tv.StandardError));
        Assert.Equal(["r2"], tv.Regions!);
        Assert.Null(config.LiftTests[1].Regions);
        Assert.Equal(-3.0, config.LiftTests[1].Lift);

        var again = RunConfig.Parse(config.ToJson(), "effective.json");
        Assert.Equal(config.LiftTests.Select(Flat), again.LiftTests.Select(Flat));
    }

    [Fact]
    public void Without_the_key_there_are_no_lift_tests_and_the_effective_config_does_not_mention_them()
    {
        var config = RunConfig.Parse("{}", "run.json");

        Assert.Empty(config.LiftTests);
        Assert.DoesNotContain("liftTests", config.ToJson());
    }

    [Theory]
    [InlineData("""{ "liftTests": { "channel": "media_tv" } }""", "must be an array of experiments")]
    [InlineData("""{ "liftTests": [ 3 ] }""", "experiment 0 must be an object")]
    [InlineData("""{ "liftTests": [ { "start": "2021-02-01", "end": "2021-03-01", "lift": 1, "se": 1 } ] }""", "needs 'channel'")]
    [InlineData("""{ "liftTests": [ { "channel": "media_tv", "start": "01/02/2021", "end": "2021-03-01", "lift": 1, "se": 1 } ] }""", "start '01/02/2021'; dates are written yyyy-MM-dd")]
    [InlineData("""{ "liftTests": [ { "channel": "media_tv", "start": "2021-03-01", "end": "2021-02-01", "lift": 1, "se": 1 } ] }""", "ends (2021-02-01) before it starts (2021-03-01)")]
    [InlineData("""{ "liftTests": [ { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "lift": "big", "se": 1 } ] }""", "needs 'lift', a finite number")]
    [InlineData("""{ "liftTests": [ { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "lift": 1, "se": 0 } ] }""", "has se 0; the standard error of a measured lift must be > 0")]
    [InlineData("""{ "liftTests": [ { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "lift": 1 } ] }""", "needs 'se'")]
    [InlineData("""{ "liftTests": [ { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "lift": 1, "se": 1, "sd": 2 } ] }""", "unknown field 'sd'")]
    [InlineData("""{ "liftTests": [ { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "regions": [], "lift": 1, "se": 1 } ] }""", "'regions' that are not a non-empty array")]
    [InlineData("""{ "referenceCompat": true, "liftTests": [ { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "lift": 1, "se": 1 } ] }""", "needs the modulated or structural architecture")]
    public void A_bad_experiment_is_rejected_naming_the_key_and_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse(json, "run.json"));

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.Equal("liftTests", error.Column);
        Assert.StartsWith("run.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_test_is_resolved_to_the_rows_of_its_regions_and_weeks()
    {
        var file = SmallPanel.Create(regions: 2, weeks: 20);
        var panel = (await PanelReading.ReadAsync(file.ToFile(), RunConfig.Parse(TwoTests, "run.json"))).Panel;

        Assert.Equal(2, panel.LiftTests.Count);
        var tv = panel.LiftTests[0];
        Assert.Equal(0, tv.Channel); // media_tv
        // Region r2 (index 1), weeks 4-8: 2021-02-01 is week 4, 2021-03-01 week 8.
        Assert.Equal(Enumerable.Range(4, 5).Select(week => panel.Cell(1, week)), tv.Cells);
        var radio = panel.LiftTests[1];
        Assert.Equal(1, radio.Channel);
        Assert.Equal([panel.Cell(0, 0), panel.Cell(1, 0)], radio.Cells);
    }

    [Fact]
    public async Task A_region_that_is_absent_in_part_of_the_window_contributes_only_its_rows()
    {
        var file = SmallPanel.Create(regions: 2, weeks: 20);
        file.RemoveRow(file.Row("r2", 0)); // r2 starts a week late
        var config = RunConfig.Parse("""{ "liftTests": [ { "channel": "media_tv", "start": "2021-01-04", "end": "2021-01-11", "lift": 1, "se": 1 } ] }""", "run.json");
        var panel = (await PanelReading.ReadAsync(file.ToFile(), config)).Panel;

        Assert.Equal([panel.Cell(0, 0), panel.Cell(0, 1), panel.Cell(1, 1)], panel.LiftTests[0].Cells);
    }

    [Theory]
    [InlineData("""{ "channel": "media_print", "start": "2021-02-01", "end": "2021-03-01", "lift": 1, "se": 1 }""", "names 'media_print', which is not a media channel of this file (channels: 'media_tv', 'media_radio')")]
    [InlineData("""{ "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "regions": ["r1", "west"], "lift": 1, "se": 1 }""", "names the region 'west', which is not in this file")]
    [InlineData("""{ "channel": "media_tv", "start": "2022-02-01", "end": "2022-03-01", "lift": 1, "se": 1 }""", "covers no row of the file: no date of its regions lies from 2022-02-01 to 2022-03-01 (the file runs from 2021-01-04 to 2021-05-17)")]
    public async Task A_test_that_does_not_fit_the_panel_is_rejected_before_training(string test, string expected)
    {
        var config = RunConfig.Parse($$"""{ "liftTests": [ {{test}} ] }""", "run.json");

        var error = await PanelReading.RejectAsync(SmallPanel.Create(regions: 2, weeks: 20).ToFile(), config);

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.StartsWith($"{PanelReading.Source}: the run config key 'liftTests', experiment 0, ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static string Flat(LiftTest t) =>
        $"{t.Channel}|{t.Start}|{t.End}|{(t.Regions is null ? "all" : string.Join(",", t.Regions))}|{t.Lift}|{t.StandardError}";
}
