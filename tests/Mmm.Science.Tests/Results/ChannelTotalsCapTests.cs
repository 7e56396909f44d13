using Mmm.Science.Data;
using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

/// <summary>
/// The caps on a channel's interval in channels.parquet: no channel causes more than the whole KPI of the split, so the high
/// bound stops at 100 % of the actual KPI (but never below the point), and the low bound stops at 0. One region, 4 weeks
/// (burn-in, train, train, holdout), one spend channel.
/// </summary>
public class ChannelTotalsCapTests
{
    private static readonly DateOnly D0 = new(2024, 1, 1);
    private static readonly string[] Split = [SplitLabels.BurnIn, SplitLabels.Train, SplitLabels.Train, SplitLabels.Holdout];
    private static readonly double[] Actual = [10, 20, 30, 40];
    private static readonly double[] Spend = [5, 10, 10, 20];

    private static Panel Panel() => new()
    {
        Source = "hand.parquet", Regions = ["a"], Dates = Enumerable.Range(0, 4).Select(t => D0.AddDays(7 * t)).ToList(), StepDays = 7,
        KpiName = "kpi", Channels = ["media_tv"], Controls = [], Kpi = Actual, Media = Spend, ControlValues = [],
        Present = Enumerable.Repeat(true, 4).ToArray(),
    };

    private static List<FitRow> Fit() => Enumerable.Range(0, 4).Select(t => new FitRow("a", D0.AddDays(7 * t), Actual[t], Actual[t], Split[t])).ToList();

    /// <summary>tv contributes <paramref name="perWeek"/> every week.</summary>
    private static List<DecompositionRow> Decomposition(double perWeek) => Fit().SelectMany(f => new DecompositionRow[]
    {
        new(f.Region, f.Date, ComponentTypes.Baseline, ComponentTypes.Baseline, f.Predicted - perWeek),
        new(f.Region, f.Date, ComponentTypes.Media, "media_tv", perWeek),
    }).ToList();

    /// <summary>[train, holdout, all] intervals of the one channel.</summary>
    private static ChannelSummary Tv(double perWeek, ContributionInterval train, ContributionInterval? holdout = null, ContributionInterval? all = null) =>
        ChannelTotals.Compute(Panel(), Decomposition(perWeek), Fit(), [[train], [holdout ?? train], [all ?? train]]).Single();

    [Fact]
    public void A_high_bound_above_the_splits_KPI_is_capped_at_all_of_it()
    {
        // Train: actual 20 + 30 = 50, tv 2 + 2 = 4, spend 20.
        var tv = Tv(2, new(3, 80)).Train;
        Assert.Equal(4, tv.Contribution, 1e-9);
        Assert.Equal(50, tv.ContributionHigh!.Value, 1e-9);
        Assert.Equal(100, tv.ShareOfActualHigh!.Value, 1e-9);
        Assert.Equal(50 / 20.0, tv.RoasHigh!.Value, 1e-9);
        // The low bound is untouched.
        Assert.Equal(3, tv.ContributionLow!.Value, 1e-9);
        Assert.Equal(100 * 3 / 50.0, tv.ShareOfActualLow!.Value, 1e-9);
    }

    [Fact]
    public void Each_split_is_capped_at_its_own_KPI()
    {
        // The same bound 45 against train's KPI 50, the holdout's 40 and all weeks' 100.
        var tv = Tv(2, train: new(1, 45), holdout: new(1, 45), all: new(1, 45));
        Assert.Equal(45, tv.Train.ContributionHigh!.Value, 1e-9);
        Assert.Equal(40, tv.Holdout.ContributionHigh!.Value, 1e-9);
        Assert.Equal(100, tv.Holdout.ShareOfActualHigh!.Value, 1e-9);
        Assert.Equal(45, tv.All.ContributionHigh!.Value, 1e-9);
        Assert.Equal(45, tv.All.ShareOfActualHigh!.Value, 1e-9);
    }

    [Fact]
    public void A_high_bound_below_the_KPI_is_kept()
    {
        var tv = Tv(2, new(3, 49)).Train;
        Assert.Equal(49, tv.ContributionHigh!.Value, 1e-9);
        Assert.Equal(98, tv.ShareOfActualHigh!.Value, 1e-9);
    }

    [Fact]
    public void The_cap_never_goes_below_the_point()
    {
        // tv 30 a week: train contribution 60 > the train KPI 50.
        var tv = Tv(30, new(40, 200)).Train;
        Assert.Equal(60, tv.Contribution, 1e-9);
        Assert.Equal(60, tv.ContributionHigh!.Value, 1e-9);
        Assert.Equal(120, tv.ShareOfActualHigh!.Value, 1e-9);
        Assert.Equal(40, tv.ContributionLow!.Value, 1e-9);
    }

    [Fact]
    public void The_low_bound_is_cut_at_zero_and_never_above_the_capped_high()
    {
        var negative = Tv(2, new(-3, 9)).Train;
        Assert.Equal(0, negative.ContributionLow!.Value);
        Assert.Equal(0, negative.ShareOfActualLow!.Value);
        Assert.Equal(0, negative.RoasLow!.Value);
        Assert.Equal(9, negative.ContributionHigh!.Value, 1e-9);

        // A whole interval above the KPI: both bounds end at 100 %.
        var above = Tv(2, new(70, 90)).Train;
        Assert.Equal(50, above.ContributionHigh!.Value, 1e-9);
        Assert.Equal(50, above.ContributionLow!.Value, 1e-9);
        Assert.Equal(100, above.ShareOfActualLow!.Value, 1e-9);
    }
}
