using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

/// <summary>
/// The ensemble's 90 % intervals on hand-made members: the order statistic i = max(1, ⌊0.05 (M + 1)⌋), the interval placed at
/// the run's point by the members' offsets from the structural fit, widened to hold the point, cut at 0, and members with
/// non-finite values left out.
/// </summary>
public class EnsembleIntervalsTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(19, 1)]  // ⌊0.05 · 20⌋ = 1
    [InlineData(20, 1)]  // ⌊1.05⌋
    [InlineData(39, 2)]  // ⌊0.05 · 40⌋ = 2
    [InlineData(40, 2)]  // ⌊2.05⌋
    [InlineData(59, 3)]  // ⌊0.05 · 60⌋ = 3
    [InlineData(99, 5)]  // ⌊0.05 · 100⌋ = 5
    public void The_order_statistic_is_a_twentieth_of_members_plus_one_and_at_least_one(int members, int expected)
    {
        Assert.Equal(expected, EnsembleIntervals.OrderStatistic(members));
    }

    [Fact]
    public void The_interval_is_the_members_extremes_moved_by_the_point_less_the_structural_value()
    {
        // One split, two channels, four members (i = 1: the extremes).
        double[] point = [10, 5], structural = [8, 5];
        double[][] members = [[7, 4], [9, 6], [8.5, 5.5], [6, 4.5]];
        var intervals = EnsembleIntervals.From(point, structural, members, splits: 1, channels: 2)!;

        // Channel 0: members 6..9, shifted by 10 - 8 = 2: 8..11.
        Assert.Equal(new ContributionInterval(8, 11), intervals[0][0]);
        // Channel 1: the point is the structural value: the members' own range.
        Assert.Equal(new ContributionInterval(4, 6), intervals[0][1]);
    }

    [Fact]
    public void With_forty_members_the_second_smallest_and_second_largest_bound_it()
    {
        double[] point = [100], structural = [90];
        var members = Enumerable.Range(0, 40).Select(m => new double[] { 80 + m }).ToList(); // 80..119
        var interval = EnsembleIntervals.From(point, structural, members, 1, 1)![0][0];
        // 81 and 118, shifted by +10.
        Assert.Equal(new ContributionInterval(91, 128), interval);
    }

    [Fact]
    public void The_interval_is_widened_to_hold_the_point_and_cut_at_zero()
    {
        // Channel 0: every member above the structural value: the low bound is the point.
        // Channel 1: shifted by 1 - 3 = -2, the low bound -2 is cut at 0.
        // Channel 2: every member below: the high bound is the point.
        double[] point = [10, 1, 10], structural = [10, 3, 10];
        double[][] members = [[11, 0, 7], [13, 5, 9], [12, 2, 8]];
        var intervals = EnsembleIntervals.From(point, structural, members, 1, 3)!;
        Assert.Equal(new ContributionInterval(10, 13), intervals[0][0]);
        Assert.Equal(new ContributionInterval(0, 3), intervals[0][1]);
        Assert.Equal(new ContributionInterval(7, 10), intervals[0][2]);
    }

    [Fact]
    public void Splits_are_laid_out_split_by_split_with_their_own_shift()
    {
        // [split * C]: split 0 then split 1, two channels each.
        double[] point = [1, 2, 3, 4], structural = [1, 1, 1, 1];
        double[][] members = [[0.5, 1, 2, 3], [1.5, 3, 0, 1]];
        var intervals = EnsembleIntervals.From(point, structural, members, splits: 2, channels: 2)!;
        Assert.Equal(2, intervals.Length);
        Assert.Equal(new ContributionInterval(0.5, 1.5), intervals[0][0]);
        Assert.Equal(new ContributionInterval(2, 4), intervals[0][1]);     // shift +1: 2..4
        Assert.Equal(new ContributionInterval(2, 4), intervals[1][0]);     // shift +2: 0..2 -> 2..4
        Assert.Equal(new ContributionInterval(4, 6), intervals[1][1]);     // shift +3: 1..3 -> 4..6
    }

    [Fact]
    public void A_member_with_any_non_finite_value_is_left_out_entirely()
    {
        double[] point = [10, 10], structural = [10, 10];
        // The third member's channel 0 would widen channel 0 to 1000, but its channel 1 is NaN.
        double[][] members = [[9, 8], [11, 12], [1000, double.NaN], [double.PositiveInfinity, 10]];
        var intervals = EnsembleIntervals.From(point, structural, members, 1, 2)!;
        Assert.Equal(new ContributionInterval(9, 11), intervals[0][0]);
        Assert.Equal(new ContributionInterval(8, 12), intervals[0][1]);
    }

    [Fact]
    public void Fewer_than_two_finite_members_give_no_intervals()
    {
        double[] point = [10], structural = [10];
        Assert.Null(EnsembleIntervals.From(point, structural, [], 1, 1));
        Assert.Null(EnsembleIntervals.From(point, structural, [[9.0]], 1, 1));
        Assert.Null(EnsembleIntervals.From(point, structural, [[9.0], [double.NaN], [double.NegativeInfinity]], 1, 1));
        Assert.NotNull(EnsembleIntervals.From(point, structural, [[9.0], [double.NaN], [11.0]], 1, 1));
    }
}
