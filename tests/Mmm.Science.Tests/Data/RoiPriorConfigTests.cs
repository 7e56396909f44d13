using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Data;

/// <summary>The run config key roiPriors: what it reads, what it writes back, the errors for bad priors, and the cells and denominators it resolves to.</summary>
public class RoiPriorConfigTests
{
    private const string TwoPriors = """
        { "roiPriors": [
            { "channel": "media_tv", "roas": 2.5, "sd": 0.8 },
            { "channel": "media_radio", "share": 0.05, "sd": 0.02, "start": "2021-02-01", "end": "2021-03-01" } ] }
        """;

    /// <summary>20 weeks, holdout the last 4 (weeks 16-19), burn-in the first 6: the model is fitted on weeks 6-15.</summary>
    private const string Split = """ "holdoutRatio": 0.2, "minTrainWeeks": 10, "burnInWeeks": 6 """;

    [Fact]
    public void Priors_of_both_kinds_are_read_and_written_back_to_the_same_config()
    {
        var config = RunConfig.Parse(TwoPriors, "run.json");

        Assert.Equal(
            [new RoiPrior("media_tv", RoiPriorKind.Roas, 2.5, 0.8, null, null),
             new RoiPrior("media_radio", RoiPriorKind.Share, 0.05, 0.02, new DateOnly(2021, 2, 1), new DateOnly(2021, 3, 1))],
            config.RoiPriors);

        var again = RunConfig.Parse(config.ToJson(), "effective.json");
        Assert.Equal(config.RoiPriors, again.RoiPriors);
    }

    [Fact]
    public void A_window_may_give_only_one_of_its_dates()
    {
        var config = RunConfig.Parse("""{ "roiPriors": [ { "channel": "media_tv", "roas": 0, "sd": 1, "end": "2021-03-01" } ] }""", "run.json");

        Assert.Equal(new RoiPrior("media_tv", RoiPriorKind.Roas, 0, 1, null, new DateOnly(2021, 3, 1)), Assert.Single(config.RoiPriors));
        Assert.Equal(config.RoiPriors, RunConfig.Parse(config.ToJson(), "effective.json").RoiPriors);
    }

    [Fact]
    public void Without_the_key_there_are_no_priors_and_the_effective_config_does_not_mention_them()
    {
        var config = RunConfig.Parse("{}", "run.json");

        Assert.Empty(config.RoiPriors);
        Assert.DoesNotContain("roiPriors", config.ToJson());
    }

    [Theory]
    [InlineData("""{ "roiPriors": { "channel": "media_tv" } }""", "run config key 'roiPriors' must be an array of priors")]
    [InlineData("""{ "roiPriors": [ 3 ] }""", "prior 0 must be an object with channel, roas or share, and sd")]
    [InlineData("""{ "roiPriors": [ { "roas": 1, "sd": 1 } ] }""", "prior 0 needs 'channel', a non-empty string")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1, "se": 1 } ] }""", "prior 0 has the unknown field 'se'")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "sd": 1 } ] }""", "prior 0 (media_tv) needs 'roas' (KPI units per unit of spend) or 'share' (fraction of the KPI)")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "share": 0.1, "sd": 1 } ] }""", "prior 0 (media_tv) gives both 'roas' and 'share'")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1 }, { "channel": "media_radio", "roas": 1, "roas": 2, "sd": 1 } ] }""", "prior 1 (media_radio) gives 'roas' twice")]
    [InlineData("""{ "roiPriors": [ { "roas": 1, "sd": 1, "sd": 2 } ] }""", "prior 0 gives 'sd' twice")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": "high", "sd": 1 } ] }""", "prior 0 (media_tv) needs 'roas', a finite number")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": null, "sd": 1 } ] }""", "prior 0 (media_tv) needs 'roas', a finite number")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1e999, "sd": 1 } ] }""", "prior 0 (media_tv) needs 'roas', a finite number")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": -0.5, "sd": 1 } ] }""", "prior 0 (media_tv) has roas -0.5; a ROAS must be >= 0")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "share": 1, "sd": 0.1 } ] }""", "prior 0 (media_tv) has share 1; a share of the KPI must be >= 0 and below 1")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "share": -0.1, "sd": 0.1 } ] }""", "prior 0 (media_tv) has share -0.1; a share of the KPI must be >= 0 and below 1")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1 } ] }""", "prior 0 (media_tv) needs 'sd', a finite number")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 0 } ] }""", "prior 0 (media_tv) has sd 0; the standard deviation of a prior must be > 0")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": -2 } ] }""", "prior 0 (media_tv) has sd -2; the standard deviation of a prior must be > 0")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1, "start": "01/02/2021" } ] }""", "prior 0 (media_tv) has start '01/02/2021'; dates are written yyyy-MM-dd")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1, "end": 20210301 } ] }""", "prior 0 (media_tv) needs 'end', a non-empty string")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1, "start": "2021-03-01", "end": "2021-02-01" } ] }""", "prior 0 (media_tv) ends (2021-02-01) before it starts (2021-03-01)")]
    [InlineData("""{ "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1 }, { "channel": "media_radio", "share": 0.1, "sd": 0.1 }, { "channel": "media_tv", "share": 0.1, "sd": 0.1 } ] }""", "prior 2 (media_tv) is on the channel of prior 0; give one prior per channel")]
    [InlineData("""{ "referenceCompat": true, "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1 } ] }""", "run config key 'roiPriors' needs the modulated or structural architecture")]
    public void A_bad_prior_is_rejected_naming_the_entry_and_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse(json, "run.json"));

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.Equal("roiPriors", error.Column);
        Assert.StartsWith("run.json: run config key 'roiPriors'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_key_given_twice_outside_the_priors_is_still_invalid_JSON()
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse("""{ "epochs": 3, "epochs": 4, "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1 } ] }""", "run.json"));

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.StartsWith("run.json: the run config is not valid JSON (", error.Message);
    }

    [Fact]
    public async Task Without_dates_a_prior_covers_the_fitted_training_rows_after_burn_in_and_before_the_holdout()
    {
        var file = SmallPanel.Create(regions: 2, weeks: 20);
        foreach (var week in Enumerable.Range(0, 8)) file.RemoveRow(file.Row("r2", week)); // r2 starts in week 8, inside the training weeks
        var config = RunConfig.Parse($$"""{ {{Split}}, "roiPriors": [ { "channel": "media_tv", "share": 0.1, "sd": 0.05 } ] }""", "run.json");
        var panel = (await PanelReading.ReadAsync(file.ToFile(), config)).Panel;

        var prior = Assert.Single(panel.RoiPriors);
        Assert.Equal(0, prior.Channel);
        Assert.Equal(Enumerable.Range(6, 10).Select(w => panel.Cell(0, w)).Concat(Enumerable.Range(8, 8).Select(w => panel.Cell(1, w))), prior.Cells);
        var split = PanelSplit.For(panel.PeriodCount, config.Options);
        var fitted = Enumerable.Range(0, panel.RegionCount * panel.PeriodCount)
            .Where(cell => panel.Present[cell] && split.Label(cell % panel.PeriodCount) == SplitLabels.Train);
        Assert.Equal(fitted, prior.Cells);
        // KPI = 100 + 10 r + week: r1 weeks 6-15 sum to 1105, r2 weeks 8-15 to 972.
        Assert.Equal(2077, prior.Denominator, 9);
    }

    [Fact]
    public async Task With_dates_a_prior_covers_the_rows_in_its_window_whatever_the_split()
    {
        var config = RunConfig.Parse($$"""{ {{Split}}, "roiPriors": [ { "channel": "media_radio", "share": 0.1, "sd": 0.05, "start": "2021-01-11", "end": "2021-05-03" } ] }""", "run.json");
        var panel = (await PanelReading.ReadAsync(SmallPanel.Create(regions: 2, weeks: 20).ToFile(), config)).Panel;

        // Weeks 1 (burn-in) to 17 (holdout) of both regions.
        Assert.Equal(Enumerable.Range(0, 2).SelectMany(r => Enumerable.Range(1, 17).Select(w => panel.Cell(r, w))), panel.RoiPriors[0].Cells);
        Assert.Equal(1, panel.RoiPriors[0].Channel);
    }

    [Fact]
    public async Task A_missing_date_is_that_end_of_the_training_weeks()
    {
        var config = RunConfig.Parse($$"""{ {{Split}}, "roiPriors": [ { "channel": "media_tv", "roas": 1, "sd": 1, "start": "2021-03-08" } ] }""", "run.json");
        var panel = (await PanelReading.ReadAsync(SmallPanel.Create(regions: 1, weeks: 20).ToFile(), config)).Panel;

        Assert.Equal(Enumerable.Range(9, 7), panel.RoiPriors[0].Cells); // 2021-03-08 is week 9; the training weeks end with week 15
    }

    [Fact]
    public async Task A_roas_prior_divides_by_the_spend_in_its_window_units_times_their_cost()
    {
        var file = SmallPanel.Create(regions: 2, weeks: 20);
        var impressions = Enumerable.Range(0, file.RowCount).Select(i => 1000.0 * (i % 20 + 1) + 100 * (i / 20)).ToArray(); // 1000 (week + 1) + 100 r
        var config = RunConfig.Parse("""
            { "costPerUnit": { "impressions_social": 0.004 }, "roiPriors": [
                { "channel": "impressions_social", "roas": 3, "sd": 1, "start": "2021-02-01", "end": "2021-02-15" },
                { "channel": "media_tv", "roas": 3, "sd": 1, "start": "2021-02-01", "end": "2021-02-15" } ] }
            """, "run.json");
        var panel = (await PanelReading.ReadAsync(file.ToFile().Column("impressions_social", impressions), config)).Panel;

        var social = panel.RoiPriors[0];
        Assert.Equal(2, social.Channel);
        Assert.Equal([panel.Cell(0, 4), panel.Cell(0, 5), panel.Cell(0, 6), panel.Cell(1, 4), panel.Cell(1, 5), panel.Cell(1, 6)], social.Cells);
        // Weeks 4-6: (5000 + 6000 + 7000) + (5100 + 6100 + 7100) = 36300 impressions at 0.004.
        Assert.Equal(145.2, social.Denominator, 9);
        // media_tv is spend: 5 + (7 week + r) % 11 over the same rows, 11 + 7 + 14 and 12 + 8 + 15.
        Assert.Equal(67, panel.RoiPriors[1].Denominator, 9);
    }

    [Theory]
    [InlineData("""{ "channel": "media_print", "roas": 1, "sd": 1 }""", "is on a channel that is not a media channel of this file (channels: 'media_tv', 'media_radio', 'impressions_social')")]
    [InlineData("""{ "channel": "impressions_social", "roas": 1, "sd": 1 }""", "is a ROAS, but the spend of 'impressions_social' is unknown: give the cost of one unit of it in the run config key 'costPerUnit'")]
    [InlineData("""{ "channel": "media_tv", "roas": 1, "sd": 1, "start": "2022-02-01", "end": "2022-03-01" }""", "covers no row of the file: no date lies from 2022-02-01 to 2022-03-01 (the file runs from 2021-01-04 to 2021-05-17; its training weeks from 2021-02-15 to 2021-05-17)")]
    [InlineData("""{ "channel": "media_tv", "roas": 1, "sd": 1, "end": "2021-01-11" }""", "covers no row of the file: no date lies from the start of the training weeks to 2021-01-11")]
    [InlineData("""{ "channel": "media_radio", "roas": 1, "sd": 1, "start": "2021-01-04", "end": "2021-01-11" }""", "has no spend in its window: 'media_radio' spends 0 over its 4 rows from 2021-01-04 to 2021-01-11")]
    [InlineData("""{ "channel": "media_tv", "share": 0.1, "sd": 0.1, "start": "2021-01-04", "end": "2021-01-11" }""", "has no KPI in its window: the KPI sums to 0 over its 4 rows from 2021-01-04 to 2021-01-11")]
    public async Task A_prior_that_does_not_fit_the_panel_is_rejected_before_training(string prior, string expected)
    {
        var file = SmallPanel.Create(regions: 2, weeks: 20);
        foreach (var row in new[] { file.Row("r1", 0), file.Row("r1", 1), file.Row("r2", 0), file.Row("r2", 1) })
            (file.Radio[row], file.Kpi[row]) = (0, 0);
        var config = RunConfig.Parse($$"""{ "roiPriors": [ {{prior}} ] }""", "run.json");

        var error = await PanelReading.RejectAsync(file.ToFile().Column("impressions_social", file.Tv.ToArray()), config);

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        var channel = prior.Split('"')[3];
        Assert.StartsWith($"{PanelReading.Source}: the run config key 'roiPriors', prior 0 ({channel}), ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_panel_keeps_its_lift_tests_and_its_priors_whichever_comes_first()
    {
        var config = RunConfig.Parse("""
            { "liftTests": [ { "channel": "media_tv", "start": "2021-02-01", "end": "2021-03-01", "lift": 120, "se": 12 } ],
              "roiPriors": [ { "channel": "media_radio", "roas": 2, "sd": 1 } ] }
            """, "run.json");
        var panel = (await PanelReading.ReadAsync(SmallPanel.Create(regions: 2, weeks: 20).ToFile(), config)).Panel;

        Assert.Equal(config.LiftTests, panel.LiftTests.Select(t => t.Test));
        Assert.Equal(config.RoiPriors, panel.RoiPriors.Select(p => p.Prior));
        var testsAgain = panel.WithLiftTests(config.LiftTests, "again");
        Assert.Equal(panel.RoiPriors, testsAgain.RoiPriors);
        var priorsAgain = panel.WithRoiPriors(config.RoiPriors, config.Options, "again");
        Assert.Equal(panel.LiftTests, priorsAgain.LiftTests);
        Assert.Equal(panel.RoiPriors.Select(p => (p.Channel, p.Denominator)), priorsAgain.RoiPriors.Select(p => (p.Channel, p.Denominator)));
        Assert.Equal(panel.RoiPriors[0].Cells, priorsAgain.RoiPriors[0].Cells);
    }
}
