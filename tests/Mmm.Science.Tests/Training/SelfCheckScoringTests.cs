using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

/// <summary>
/// The self-check's score on hand-made refits: shares of the KPI, their mean and mean error against the truth, and coverage
/// by the pivot rule (each refit's interval is the run's interval moved to the refit's number).
/// </summary>
public class SelfCheckScoringTests
{
    private static readonly string[] Channels = ["tv", "radio"];
    private const double Kpi = 200;
    private static readonly double[] Truth = [20, 10];              // true shares 10 % and 5 %
    private static readonly double[][] Refits = [[22, 9], [16, 14], [21, 10.5]];
    private static readonly double[] Point = [24, 12];

    /// <summary>
    /// tv: [18, 26] around 24, offsets -6 and +2. It holds the truth 20 itself, but moved to the refits: 22 → [16, 24] holds it,
    /// 16 → [10, 18] does not, 21 → [15, 23] does: 2. radio: [11, 12.5] around 12, offsets -1 and +0.5, misses the truth 10
    /// itself, but moved: 9 → [8, 9.5] no, 14 → [13, 14.5] no, 10.5 → [9.5, 11] yes: 1.
    /// </summary>
    private static readonly ContributionInterval[] Intervals = [new(18, 26), new(11, 12.5)];

    [Fact]
    public void Shares_are_percent_of_the_KPI_and_errors_are_percentage_points()
    {
        var result = SelfCheckScoring.Score(Channels, Kpi, Truth, Refits, Point, Intervals);

        Assert.Equal(3, result.Refits);
        Assert.Equal(["tv", "radio"], result.Channels.Select(c => c.Channel));
        var tv = result.Channels[0];
        Assert.Equal(10, tv.TrueShare, 1e-9);
        Assert.Equal((11 + 8 + 10.5) / 3, tv.MeanShare, 1e-9);     // 22, 16, 21 of 200
        Assert.Equal((1 + 2 + 0.5) / 3, tv.MeanError, 1e-9);
        var radio = result.Channels[1];
        Assert.Equal(5, radio.TrueShare, 1e-9);
        Assert.Equal((4.5 + 7 + 5.25) / 3, radio.MeanShare, 1e-9); // 9, 14, 10.5 of 200
        Assert.Equal((0.5 + 2 + 0.25) / 3, radio.MeanError, 1e-9);
    }

    [Fact]
    public void Coverage_counts_the_refits_whose_moved_interval_holds_the_truth()
    {
        var result = SelfCheckScoring.Score(Channels, Kpi, Truth, Refits, Point, Intervals);
        Assert.Equal(2, result.Channels[0].Covered);
        Assert.Equal(1, result.Channels[1].Covered);
        Assert.Equal(3, result.Covered);
        Assert.Equal(6, result.Count);
        Assert.Equal(0.5, result.Coverage!.Value, 1e-9);
    }

    [Fact]
    public void The_moved_interval_holds_a_truth_on_its_bounds()
    {
        // Refit 12 with offsets -2 and +1 around the point 12: [10, 13] holds 10; refit 9: [7, 10] holds 10.
        var result = SelfCheckScoring.Score(["tv"], 100, [10], [[12], [9], [8.5]], [12], [new(10, 13)]);
        Assert.Equal(2, result.Channels[0].Covered); // 8.5 → [6.5, 9.5] misses
        Assert.Equal(2 / 3.0, result.Coverage!.Value, 1e-9);
    }

    [Fact]
    public void Without_intervals_nothing_is_counted_and_coverage_is_null()
    {
        var result = SelfCheckScoring.Score(Channels, Kpi, Truth, Refits, Point, intervals: null);
        Assert.Equal((0, 0), (result.Covered, result.Count));
        Assert.Null(result.Coverage);
        Assert.All(result.Channels, c => Assert.Equal(0, c.Covered));
        // The shares are scored all the same.
        Assert.Equal((0.5 + 2 + 0.25) / 3, result.Channels[1].MeanError, 1e-9);
    }

    [Fact]
    public void A_KPI_of_zero_gives_zero_shares()
    {
        var result = SelfCheckScoring.Score(Channels, 0, Truth, Refits, Point, Intervals);
        Assert.All(result.Channels, c => Assert.Equal((0.0, 0.0, 0.0), (c.TrueShare, c.MeanShare, c.MeanError)));
        Assert.Equal(3, result.Covered); // coverage is in KPI units, not shares
    }
}
