using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

/// <summary>
/// The run's health checks on hand-made evidence: 2 regions x 30 weeks with a KPI of 10 everywhere, channels tv and radio.
/// Each test changes one part of an evidence on which every check that applies passes.
/// </summary>
public class HealthChecksTests
{
    private const int Weeks = 30;
    private static readonly DateOnly D0 = new(2023, 1, 2);
    private static readonly string[] Regions = ["north", "south"];

    private static readonly Panel Panel = new()
    {
        Source = "hand.parquet", Regions = Regions, Dates = Enumerable.Range(0, Weeks).Select(t => D0.AddDays(7 * t)).ToList(), StepDays = 7,
        KpiName = "kpi", Channels = ["tv", "radio"], Controls = [], Kpi = Enumerable.Repeat(10.0, 2 * Weeks).ToArray(),
        Media = Enumerable.Repeat(1.0, 2 * Weeks * 2).ToArray(), ControlValues = [], Present = Enumerable.Repeat(true, 2 * Weeks).ToArray(),
    };

    /// <summary>Baseline, trend and seasonality rows of every region-week, and a media row per channel.</summary>
    private static List<DecompositionRow> Decomposition(Func<int, int, (double Baseline, double Trend, double Season)> parts) =>
        Enumerable.Range(0, 2).SelectMany(r => Enumerable.Range(0, Weeks).SelectMany(t =>
        {
            var (baseline, trend, season) = parts(r, t);
            var date = D0.AddDays(7 * t);
            return new DecompositionRow[]
            {
                new(Regions[r], date, ComponentTypes.Baseline, ComponentTypes.Baseline, baseline),
                new(Regions[r], date, ComponentTypes.Trend, ComponentTypes.Trend, trend),
                new(Regions[r], date, ComponentTypes.Seasonality, ComponentTypes.Seasonality, season),
                new(Regions[r], date, ComponentTypes.Media, "tv", 2),
                new(Regions[r], date, ComponentTypes.Media, "radio", 1),
            };
        })).ToList();

    private static ChannelSummary Channel(string name, double share, double? low = null, double? high = null)
    {
        var split = new ChannelSplitSummary(share, share, share, null, null);
        return new ChannelSummary(name, SpendBases.Column, null, split, split,
            split with { ShareOfActualLow = low, ShareOfActualHigh = high, ContributionLow = low, ContributionHigh = high });
    }

    private static SplitMetrics Metrics(double? wape) => new() { Cells = 10, Rmse = 1, Mae = 1, MapeSkippedCells = 0, RegionsScored = 2, Wape = wape };

    private static readonly MetricsReport NoHoldout = new() { Train = Metrics(0.1), Baselines = new BaselineMetrics() };

    private static HealthChecks.Evidence Good() => new(
        Panel,
        Decomposition((_, _) => (5, -1, 0.5)),
        [Channel("tv", 20), Channel("radio", 10)],
        NoHoldout,
        LiftTests: [],
        RoiPriors: [],
        Curvature: null,
        Restarts: null,
        SelfCheck: null);

    private static HealthCheck? Check(HealthChecks.Evidence e, string name) => HealthChecks.Run(e).SingleOrDefault(c => c.Check == name);

    private static HealthCheck Present(HealthChecks.Evidence e, string name) =>
        Check(e, name) ?? throw new Xunit.Sdk.XunitException($"no {name} check");

    [Fact]
    public void On_good_evidence_only_the_checks_that_apply_are_run_and_all_pass()
    {
        var checks = HealthChecks.Run(Good());
        Assert.Equal([HealthCheckNames.NegativeBaseline, HealthCheckNames.MediaTotal], checks.Select(c => c.Check));
        Assert.All(checks, c => Assert.Equal(HealthStatus.Pass, c.Status));
    }

    // negative_baseline

    [Fact]
    public void No_negative_baseline_passes_with_value_zero()
    {
        var check = Present(Good(), HealthCheckNames.NegativeBaseline);
        Assert.Equal((HealthStatus.Pass, 0.0), (check.Status, check.Value!.Value));
    }

    [Fact]
    public void The_baseline_judged_is_baseline_plus_trend_plus_seasonality()
    {
        // Negative levels lifted above zero by the season, a rounding-size negative sum: neither counts.
        var lifted = Good() with { Decomposition = Decomposition((r, t) => t < 10 ? (-1, 0, 1.5) : t < 12 ? (0, 1e-7, -2e-7) : (5, -1, 0.5)) };
        Assert.Equal(HealthStatus.Pass, Present(lifted, HealthCheckNames.NegativeBaseline).Status);
        // A positive level pulled below zero by the trend does.
        var pulled = Good() with { Decomposition = Decomposition((r, t) => r == 1 && t == 3 ? (1, -2, 0.5) : (5, -1, 0.5)) };
        Assert.NotEqual(HealthStatus.Pass, Present(pulled, HealthCheckNames.NegativeBaseline).Status);
    }

    [Fact]
    public void A_few_negative_region_weeks_warn()
    {
        // 1 of 60 region-weeks: 1.7 %.
        var e = Good() with { Decomposition = Decomposition((r, t) => r == 1 && t == 3 ? (1, -2, 0.5) : (5, -1, 0.5)) };
        var check = Present(e, HealthCheckNames.NegativeBaseline);
        Assert.Equal(HealthStatus.Warn, check.Status);
        Assert.Equal(100 / 60.0, check.Value!.Value, 1e-9);
        Assert.Contains("1 of 60", check.Message);
    }

    [Fact]
    public void Over_five_percent_of_region_weeks_below_zero_fail_with_the_percentage()
    {
        // 4 of 60 region-weeks: 6.7 %.
        var e = Good() with { Decomposition = Decomposition((r, t) => t < 2 ? (-0.5, 0, 0) : (5, -1, 0.5)) };
        var check = Present(e, HealthCheckNames.NegativeBaseline);
        Assert.Equal(HealthStatus.Fail, check.Status);
        Assert.Equal(100 * 4 / 60.0, check.Value!.Value, 1e-9);
        Assert.Contains("4 of 60", check.Message);
        Assert.Contains("6.7 %", check.Message);
    }

    // media_total

    [Theory]
    [InlineData(40, 34.9, HealthStatus.Pass)]
    [InlineData(40, 35, HealthStatus.Warn)]
    [InlineData(60, 39.5, HealthStatus.Warn)]
    [InlineData(60, 40, HealthStatus.Fail)]
    [InlineData(90, 30, HealthStatus.Fail)]
    public void Media_together_warn_from_75_percent_and_fail_from_all_of_the_KPI(double tv, double radio, string status)
    {
        var e = Good() with { Channels = [Channel("tv", tv), Channel("radio", radio)] };
        var check = Present(e, HealthCheckNames.MediaTotal);
        Assert.Equal(status, check.Status);
        Assert.Equal(tv + radio, check.Value!.Value, 1e-9);
    }

    // lift_tests

    private static LiftTestResult Lift(string channel, double z) =>
        new(channel, D0.AddDays(70), D0.AddDays(98), ["north"], 5, 100, 10, 100 + 10 * z, z);

    [Fact]
    public void Without_lift_tests_there_is_no_lift_test_check()
    {
        Assert.Null(Check(Good(), HealthCheckNames.LiftTests));
    }

    [Theory]
    [InlineData(1.5, -3.5, HealthStatus.Fail)]
    [InlineData(1.5, 3.01, HealthStatus.Fail)]
    [InlineData(1.5, 3, HealthStatus.Warn)]
    [InlineData(1.5, -2.5, HealthStatus.Warn)]
    [InlineData(1.5, 2, HealthStatus.Pass)]
    [InlineData(0.5, -2, HealthStatus.Pass)]
    public void The_worst_lift_test_decides_by_its_z_score(double radioZ, double tvZ, string status)
    {
        var e = Good() with { LiftTests = [Lift("radio", radioZ), Lift("tv", tvZ)] };
        var check = Present(e, HealthCheckNames.LiftTests);
        Assert.Equal(status, check.Status);
        Assert.Equal(tvZ, check.Value!.Value, 1e-9); // the signed z of the worst test
        Assert.Contains("tv", check.Message);
        Assert.DoesNotContain("radio", check.Message);
    }

    // interval_width

    [Fact]
    public void Without_intervals_there_is_no_interval_width_check()
    {
        Assert.Null(Check(Good(), HealthCheckNames.IntervalWidth));
    }

    [Fact]
    public void Intervals_narrower_than_their_share_pass()
    {
        var e = Good() with { Channels = [Channel("tv", 20, 10, 29), Channel("radio", 10, 8, 12)] };
        var check = Present(e, HealthCheckNames.IntervalWidth);
        Assert.Equal((HealthStatus.Pass, 0.0), (check.Status, check.Value!.Value));
    }

    [Fact]
    public void An_interval_wider_than_its_share_warns_and_names_the_channel()
    {
        // tv: 5 to 30 % around 20 %, 25 pp wide.
        var e = Good() with { Channels = [Channel("tv", 20, 5, 30), Channel("radio", 10, 8, 12)] };
        var check = Present(e, HealthCheckNames.IntervalWidth);
        Assert.Equal((HealthStatus.Warn, 1.0), (check.Status, check.Value!.Value));
        Assert.Contains("tv (5-30 %)", check.Message);
        Assert.DoesNotContain("radio", check.Message);
    }

    [Fact]
    public void A_small_share_is_judged_against_half_a_point()
    {
        // Share 0.2 %: an interval 0.6 pp wide is too wide, 0.4 pp is not.
        var wide = Good() with { Channels = [Channel("tv", 20, 15, 25), Channel("radio", 0.2, 0, 0.6)] };
        var check = Present(wide, HealthCheckNames.IntervalWidth);
        Assert.Equal(HealthStatus.Warn, check.Status);
        Assert.Contains("radio", check.Message);
        var narrow = Good() with { Channels = [Channel("tv", 20, 15, 25), Channel("radio", 0.2, 0, 0.4)] };
        Assert.Equal(HealthStatus.Pass, Present(narrow, HealthCheckNames.IntervalWidth).Status);
    }

    // holdout_forecast

    private static MetricsReport Holdout(double model, double? trainMean, double? last13, double? seasonal) => new()
    {
        Train = Metrics(0.05),
        Holdout = Metrics(model),
        Baselines = new BaselineMetrics
        {
            RegionTrainMean = trainMean is null ? null : Metrics(trainMean),
            RegionLast13Mean = last13 is null ? null : Metrics(last13),
            SeasonalNaive52 = seasonal is null ? null : Metrics(seasonal),
        },
    };

    [Fact]
    public void Without_a_holdout_there_is_no_forecast_check()
    {
        Assert.Null(Check(Good(), HealthCheckNames.HoldoutForecast));
    }

    [Fact]
    public void A_model_below_the_best_naive_forecast_passes()
    {
        var check = Present(Good() with { Metrics = Holdout(0.1, 0.3, 0.15, null) }, HealthCheckNames.HoldoutForecast);
        Assert.Equal(HealthStatus.Pass, check.Status);
        Assert.Equal(10, check.Value!.Value, 1e-9);
        Assert.Contains("the mean of its last 13 weeks, 15.0 %", check.Message);
    }

    [Fact]
    public void A_model_not_below_the_best_naive_forecast_warns_and_names_it()
    {
        // The model 0.2 is below two naive forecasts but not the last-13-weeks mean (0.15).
        var check = Present(Good() with { Metrics = Holdout(0.2, 0.3, 0.15, 0.25) }, HealthCheckNames.HoldoutForecast);
        Assert.Equal(HealthStatus.Warn, check.Status);
        Assert.Equal(20, check.Value!.Value, 1e-9);
        Assert.Contains("the mean of its last 13 weeks (15.0 %)", check.Message);

        // A tie is not better.
        var tie = Present(Good() with { Metrics = Holdout(0.3, 0.3, null, null) }, HealthCheckNames.HoldoutForecast);
        Assert.Equal(HealthStatus.Warn, tie.Status);
        Assert.Contains("the region's training mean", tie.Message);
    }

    // self_check

    private static SelfCheckResult SelfCheck(int covered, int count) => new(5,
        [new SelfCheckChannel("tv", 10, 11, 3, 2), new SelfCheckChannel("radio", 5, 5.2, 0.5, 4)], covered, count);

    [Theory]
    [InlineData(5, 10, HealthStatus.Fail)]
    [InlineData(59, 100, HealthStatus.Fail)]
    [InlineData(6, 10, HealthStatus.Warn)]
    [InlineData(7, 10, HealthStatus.Warn)]
    [InlineData(8, 10, HealthStatus.Pass)]
    [InlineData(10, 10, HealthStatus.Pass)]
    public void Self_check_coverage_fails_below_60_and_passes_from_80_percent(int covered, int count, string status)
    {
        var check = Present(Good() with { SelfCheck = SelfCheck(covered, count) }, HealthCheckNames.SelfCheck);
        Assert.Equal(status, check.Status);
        Assert.Equal(100.0 * covered / count, check.Value!.Value, 1e-9);
        Assert.Contains("worst: tv, 3 pp", check.Message); // the channel with the largest mean error
    }

    [Fact]
    public void A_self_check_without_coverage_is_no_check()
    {
        Assert.Null(Check(Good() with { SelfCheck = SelfCheck(0, 0) }, HealthCheckNames.SelfCheck));
        Assert.Null(Check(Good(), HealthCheckNames.SelfCheck));
    }

    // restart_agreement

    [Fact]
    public void One_restart_gives_no_agreement_check()
    {
        Assert.Null(Check(Good() with { Restarts = new PrefitRestarts(0, [10], [[0.3, 0.1]]) }, HealthCheckNames.RestartAgreement));
    }

    [Fact]
    public void A_kept_restart_better_than_the_others_by_over_two_nats_passes()
    {
        var e = Good() with { Restarts = new PrefitRestarts(0, [10, 12.5, 30], [[0.3, 0.1], [0.9, 0.9], [0, 0]]) };
        var check = Present(e, HealthCheckNames.RestartAgreement);
        Assert.Equal((HealthStatus.Pass, 0.0), (check.Status, check.Value!.Value));
    }

    [Fact]
    public void A_restart_within_two_nats_that_gives_a_channel_over_two_points_more_warns_and_names_it()
    {
        // Restart 1 (1.5 nats worse) gives radio 4 pp more; restart 2 (10 nats worse) would give tv 60 pp, but does not count.
        var e = Good() with { Restarts = new PrefitRestarts(0, [10, 11.5, 20], [[0.30, 0.10], [0.31, 0.14], [0.90, 0.10]]) };
        var check = Present(e, HealthCheckNames.RestartAgreement);
        Assert.Equal(HealthStatus.Warn, check.Status);
        Assert.Equal(4, check.Value!.Value, 1e-9);
        Assert.Contains("radio", check.Message);
        Assert.DoesNotContain("tv", check.Message);
    }

    [Fact]
    public void Restarts_within_two_nats_that_agree_within_two_points_pass()
    {
        // The kept restart need not be the first; a rival may even score better.
        var e = Good() with { Restarts = new PrefitRestarts(1, [11, 10, 9.5], [[0.31, 0.115], [0.30, 0.10], [0.295, 0.11]]) };
        var check = Present(e, HealthCheckNames.RestartAgreement);
        Assert.Equal(HealthStatus.Pass, check.Status);
        Assert.Equal(1.5, check.Value!.Value, 1e-9);
        Assert.Contains("2 other restart(s)", check.Message);
    }
}
