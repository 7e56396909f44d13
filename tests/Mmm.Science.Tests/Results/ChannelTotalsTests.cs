using Mmm.Science.Data;
using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

/// <summary>
/// Channel attribution against numbers worked out by hand on a 2 regions x 4 weeks panel whose weeks are
/// burn-in, train, train, holdout. media_tv is spend; impressions_social costs 0.01 a unit; impressions_display
/// has no cost. Contributions per row: tv 2 in region a and 1 in b, social 0.5, display 0.25.
/// </summary>
public class ChannelTotalsTests
{
    private static readonly DateOnly D0 = new(2024, 1, 1);
    private static readonly string[] Split = [SplitLabels.BurnIn, SplitLabels.Train, SplitLabels.Train, SplitLabels.Holdout];
    private static readonly double[] Actual = [20, 22, 24, 26, /**/ 10, 11, 12, 13];
    private static readonly double[] Predicted = [19, 23, 24, 25, /**/ 10, 9, 12, 15];
    private static readonly double[] Tv = [10, 20, 30, 40, /**/ 5, 5, 5, 5];
    private static readonly double[] Social = [1000, 2000, 0, 0, /**/ 0, 1000, 1000, 0];
    private static readonly double[] Display = [100, 100, 100, 100, /**/ 100, 100, 100, 100];

    private static Panel Panel(Dictionary<string, double>? costs = null) => new()
    {
        Source = "hand.parquet", Regions = ["a", "b"], Dates = Enumerable.Range(0, 4).Select(t => D0.AddDays(7 * t)).ToList(), StepDays = 7,
        KpiName = "kpi", Channels = ["media_tv", "impressions_social", "impressions_display"], Controls = [],
        Kpi = Actual, Media = Enumerable.Range(0, 8).SelectMany(i => new[] { Tv[i], Social[i], Display[i] }).ToArray(),
        ControlValues = [], Present = Enumerable.Repeat(true, 8).ToArray(),
        CostPerUnit = costs ?? new Dictionary<string, double> { ["impressions_social"] = 0.01 },
    };

    private static List<FitRow> Fit(string[] split) =>
        Enumerable.Range(0, 8).Select(i => new FitRow(i < 4 ? "a" : "b", D0.AddDays(7 * (i % 4)), Actual[i], Predicted[i], split[i % 4])).ToList();

    private static List<DecompositionRow> Decomposition(IEnumerable<FitRow> fit) => fit.SelectMany(f =>
    {
        double tv = f.Region == "a" ? 2 : 1;
        return new DecompositionRow[]
        {
            new(f.Region, f.Date, ComponentTypes.Baseline, ComponentTypes.Baseline, f.Predicted - tv - 0.75),
            new(f.Region, f.Date, ComponentTypes.Media, "media_tv", tv),
            new(f.Region, f.Date, ComponentTypes.Media, "impressions_social", 0.5),
            new(f.Region, f.Date, ComponentTypes.Media, "impressions_display", 0.25),
        };
    }).ToList();

    private static void Equal(ChannelSplitSummary expected, ChannelSplitSummary actual)
    {
        Assert.Equal(expected.Contribution, actual.Contribution, 12);
        Close(expected.ShareOfActual, actual.ShareOfActual);
        Close(expected.ShareOfPredicted, actual.ShareOfPredicted);
        Close(expected.Spend, actual.Spend);
        Close(expected.Roas, actual.Roas);

        static void Close(double? e, double? a)
        {
            Assert.Equal(e.HasValue, a.HasValue);
            if (e is double x) Assert.Equal(x, a!.Value, 12);
        }
    }

    [Fact]
    public void Contribution_shares_spend_and_roas_per_split_match_the_hand_computed_values()
    {
        var fit = Fit(Split);
        var channels = ChannelTotals.Compute(Panel(), Decomposition(fit), fit);
        Assert.Equal(["media_tv", "impressions_social", "impressions_display"], channels.Select(c => c.Channel));

        // Sums of the split's rows. train: actual 22+24+11+12 = 69, predicted 23+24+9+12 = 68;
        // holdout: actual 26+13 = 39, predicted 25+15 = 40; all 8 rows: actual 138, predicted 137.
        var tv = channels[0];
        Assert.Equal((SpendBases.Column, (double?)null), (tv.SpendBasis, tv.CostPerUnit));
        // tv spend: train 20+30+5+5 = 60, holdout 40+5 = 45, all 100+20 = 120.
        Equal(new(6, 100 * 6 / 69.0, 100 * 6 / 68.0, 60, 6 / 60.0), tv.Train);
        Equal(new(3, 100 * 3 / 39.0, 100 * 3 / 40.0, 45, 3 / 45.0), tv.Holdout);
        Equal(new(12, 100 * 12 / 138.0, 100 * 12 / 137.0, 120, 12 / 120.0), tv.All);

        var social = channels[1];
        Assert.Equal((SpendBases.CostPerUnit, (double?)0.01), (social.SpendBasis, social.CostPerUnit));
        // social spend = impressions x 0.01: train 20+0+10+10 = 40; holdout 0 (carry-over only: no ROAS); all 30+20 = 50.
        Equal(new(2, 100 * 2 / 69.0, 100 * 2 / 68.0, 40, 2 / 40.0), social.Train);
        Equal(new(1, 100 * 1 / 39.0, 100 * 1 / 40.0, 0, null), social.Holdout);
        Equal(new(4, 100 * 4 / 138.0, 100 * 4 / 137.0, 50, 4 / 50.0), social.All);

        var display = channels[2];
        Assert.Equal((SpendBases.None, (double?)null), (display.SpendBasis, display.CostPerUnit));
        Equal(new(1, 100 * 1 / 69.0, 100 * 1 / 68.0, null, null), display.Train);
        Equal(new(2, 100 * 2 / 138.0, 100 * 2 / 137.0, null, null), display.All);
    }

    [Fact]
    public void A_split_without_rows_has_zero_contribution_and_null_shares_and_roas()
    {
        var fit = Fit([SplitLabels.BurnIn, SplitLabels.Train, SplitLabels.Train, SplitLabels.Train]);
        var channels = ChannelTotals.Compute(Panel(), Decomposition(fit), fit);

        Equal(new(0, null, null, 0, null), channels[0].Holdout);
        Equal(new(0, null, null, null, null), channels[2].Holdout);
        // "all" still counts the burn-in weeks: tv over every row.
        Equal(new(12, 100 * 12 / 138.0, 100 * 12 / 137.0, 120, 0.1), channels[0].All);
    }

    [Fact]
    public void Contribution_intervals_become_share_and_roas_intervals_over_the_same_denominators()
    {
        var fit = Fit(Split);
        ContributionInterval[] Channels(double low, double high) => [new(low, high), new(0.5 * low, 0.5 * high), new(0.25 * low, 0.25 * high)];
        // [split: train, holdout, all][channel]
        ContributionInterval[][] intervals = [Channels(4.5, 9), Channels(1, 4), Channels(8, 16)];
        var channels = ChannelTotals.Compute(Panel(), Decomposition(fit), fit, intervals);

        // Train rows: actual 22 + 24 + 11 + 12 = 69; tv spend 20 + 30 + 5 + 5 = 60.
        var tv = channels[0].Train;
        Assert.Equal((4.5, 9.0), (tv.ContributionLow!.Value, tv.ContributionHigh!.Value));
        Assert.Equal(100 * 4.5 / 69, tv.ShareOfActualLow!.Value, 12);
        Assert.Equal(100 * 9 / 69.0, tv.ShareOfActualHigh!.Value, 12);
        Assert.Equal(4.5 / 60, tv.RoasLow!.Value, 12);
        Assert.Equal(9 / 60.0, tv.RoasHigh!.Value, 12);
        // Units without a cost: share bounds, no ROAS bounds.
        var display = channels[2].All;
        Assert.Equal(100 * 2 / 138.0, display.ShareOfActualLow!.Value, 12);
        Assert.Null(display.RoasLow);
        Assert.Null(display.RoasHigh);
        // The point values are those of a run without intervals.
        var plain = ChannelTotals.Compute(Panel(), Decomposition(fit), fit);
        Assert.Equal(plain[0].Train, tv with { ContributionLow = null, ContributionHigh = null, ShareOfActualLow = null, ShareOfActualHigh = null, RoasLow = null, RoasHigh = null });
        Assert.Null(plain[0].Train.ContributionLow);
    }

    [Fact]
    public void Rows_of_channels_parquet_are_channel_by_channel_train_holdout_all()
    {
        var fit = Fit(Split);
        var channels = ChannelTotals.Compute(Panel(), Decomposition(fit), fit);
        var rows = ChannelRow.From(channels);

        Assert.Equal(9, rows.Count);
        Assert.Equal(["train", "holdout", "all"], rows.Take(3).Select(r => r.Split));
        Assert.Equal(new ChannelRow("media_tv", "holdout", new(3, channels[0].Holdout.ShareOfActual, channels[0].Holdout.ShareOfPredicted, 45, 3 / 45.0)), rows[1]);
        Assert.Equal(["impressions_social", "impressions_social", "impressions_social"], rows.Skip(3).Take(3).Select(r => r.Channel));
    }

    [Fact]
    public void Decomposition_row_without_fit_row_is_an_error()
    {
        var fit = Fit(Split);
        var stray = new DecompositionRow("c", D0, ComponentTypes.Media, "media_tv", 1);
        Assert.Throws<ArgumentException>(() => ChannelTotals.Compute(Panel(), [.. Decomposition(fit), stray], fit));
    }

    [Fact]
    public void Fit_row_outside_the_panel_is_an_error()
    {
        var fit = Fit(Split);
        var stray = new FitRow("a", D0.AddDays(-7), 1, 1, SplitLabels.Train);
        Assert.Throws<ArgumentException>(() => ChannelTotals.Compute(Panel(), Decomposition(fit), [.. fit, stray]));
    }
}
