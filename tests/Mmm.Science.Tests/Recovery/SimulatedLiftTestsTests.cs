using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Recovery;

namespace Mmm.Science.Tests.Recovery;

/// <summary>The experiments <c>mmm recovery --lift-tests</c> simulates: where they are, and that their results are the truth plus the stated error.</summary>
public class SimulatedLiftTestsTests
{
    private static readonly MmmOptions Defaults = new();

    private static RecoveryCase Funnel() => RecoverySuite.Synthetic.Single(s => s.Name == "funnel").Load();

    [Fact]
    public void One_test_per_channel_in_half_the_regions_over_eight_training_weeks_at_staggered_times()
    {
        var calibrated = SimulatedLiftTests.With(Funnel(), precision: 0.01, Defaults);
        var panel = calibrated.Panel;
        var (first, end) = TrainingWeeks.Of(panel.PeriodCount, Defaults);

        Assert.Equal(panel.Channels, panel.LiftTests.Select(t => panel.Channels[t.Channel]));
        foreach (var t in panel.LiftTests)
        {
            Assert.Equal(panel.Regions.Take(2), t.Test.Regions!); // 5 regions: the first two
            int start = panel.Dates.ToList().IndexOf(t.Test.Start), stop = panel.Dates.ToList().IndexOf(t.Test.End);
            Assert.Equal(SimulatedLiftTests.Weeks, stop - start + 1);
            Assert.InRange(start, first, end - SimulatedLiftTests.Weeks);
        }
        Assert.Equal(panel.LiftTests.Count, panel.LiftTests.Select(t => t.Test.Start).Distinct().Count());
    }

    [Fact]
    public void Each_result_is_the_true_lift_plus_a_normal_error_of_the_stated_se()
    {
        var truth = Funnel();
        var calibrated = SimulatedLiftTests.With(truth, precision: 0.01, Defaults);
        var panel = calibrated.Panel;
        foreach (var t in panel.LiftTests)
        {
            var rows = t.Cells.Select(cell => (Region: cell / panel.PeriodCount, Period: cell % panel.PeriodCount)).ToList();
            double trueLift = rows.Sum(x => truth.Truth.Contributions[new RowKey(panel.Regions[x.Region], panel.Dates[x.Period])][t.Channel]);
            double kpi = rows.Sum(x => panel.KpiAt(x.Region, x.Period));
            Assert.Equal(0.01 * kpi, t.Test.StandardError, 6);
            Assert.InRange((t.Test.Lift - trueLift) / t.Test.StandardError, -4, 4);
        }
        var zero = panel.LiftTests.Single(t => panel.Channels[t.Channel] == "media_zero");
        Assert.NotEqual(0, zero.Test.Lift); // measured with error like any other

        var again = SimulatedLiftTests.With(truth, precision: 0.01, Defaults).Panel.LiftTests;
        Assert.Equal(panel.LiftTests.Select(t => t.Test), again.Select(t => t.Test), new TestEquality());
        var looser = SimulatedLiftTests.With(truth, precision: 0.02, Defaults).Panel.LiftTests;
        Assert.All(looser.Zip(panel.LiftTests), p => Assert.Equal(2 * p.Second.Test.StandardError, p.First.Test.StandardError, 6));
    }

    private sealed class TestEquality : IEqualityComparer<LiftTest>
    {
        public bool Equals(LiftTest? a, LiftTest? b) =>
            a is not null && b is not null && (a.Channel, a.Start, a.End, a.Lift, a.StandardError) == (b.Channel, b.Start, b.End, b.Lift, b.StandardError)
            && a.Regions!.SequenceEqual(b.Regions!);
        public int GetHashCode(LiftTest t) => t.Channel.GetHashCode();
    }
}
