using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Lab.Recovery;

namespace Mmm.Lab.Tests.Recovery;

/// <summary>The experiments <c>mmm recovery --lift-tests</c> simulates: where they are, and that their results are the truth plus the stated error.</summary>
public class SimulatedLiftTestsTests
{
    private static readonly MmmOptions Defaults = new();

    private static RecoveryCase Funnel() => RecoverySuite.Synthetic.Single(s => s.Name == "funnel").Load();

    [Fact]
    public void One_test_per_channel_in_half_the_regions_over_eight_training_weeks_at_staggered_times()
    {
        var calibrated = SimulatedLiftTests.With(Funnel(), precision: 0.15, Defaults);
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

    /// <summary>se = max(0.15 |true lift|, 0.5 % of the tested rows' KPI): the fraction for a channel with an effect, the floor for the null one.</summary>
    [Fact]
    public void Each_result_is_the_true_lift_plus_a_normal_error_of_the_stated_se()
    {
        var truth = Funnel();
        var calibrated = SimulatedLiftTests.With(truth, precision: 0.15, Defaults);
        var panel = calibrated.Panel;
        foreach (var t in panel.LiftTests)
        {
            var (trueLift, kpi) = TrueLiftAndKpi(truth, t);
            Assert.Equal(Math.Max(0.15 * Math.Abs(trueLift), 0.005 * kpi), t.Test.StandardError, 1e-9 * kpi);
            Assert.InRange((t.Test.Lift - trueLift) / t.Test.StandardError, -4, 4);
        }
        var tv = panel.LiftTests.Single(t => panel.Channels[t.Channel] == "media_tv");
        var (tvLift, tvKpi) = TrueLiftAndKpi(truth, tv);
        Assert.True(0.15 * tvLift > 0.005 * tvKpi, "TV's test is set by the fraction, not the floor");
        Assert.Equal(0.15 * tvLift, tv.Test.StandardError, 1e-9 * tvLift);

        var zero = panel.LiftTests.Single(t => panel.Channels[t.Channel] == "media_zero");
        var (zeroLift, zeroKpi) = TrueLiftAndKpi(truth, zero);
        Assert.Equal(0.0, zeroLift);
        Assert.Equal(0.005 * zeroKpi, zero.Test.StandardError, 1e-9 * zeroKpi); // the floor: finite, not 15 % of nothing
        Assert.NotEqual(0, zero.Test.Lift); // measured with error like any other

        var again = SimulatedLiftTests.With(truth, precision: 0.15, Defaults).Panel.LiftTests;
        Assert.Equal(panel.LiftTests.Select(t => t.Test), again.Select(t => t.Test), new TestEquality());
        var looser = SimulatedLiftTests.With(truth, precision: 0.3, Defaults).Panel.LiftTests;
        var looserTv = looser.Single(t => t.Channel == tv.Channel);
        Assert.Equal(2 * tv.Test.StandardError, looserTv.Test.StandardError, 1e-9 * tvLift);
        Assert.Equal(tv.Test.Lift - tvLift, (looserTv.Test.Lift - tvLift) / 2, 1e-9 * tvLift); // the same draw, scaled
        Assert.Equal(zero.Test.StandardError, looser.Single(t => t.Channel == zero.Channel).Test.StandardError);
    }

    [Fact]
    public void A_scenarios_own_experiments_are_kept_next_to_the_simulated_ones_with_their_own_draws()
    {
        var tested = RecoverySuite.Synthetic.Single(s => s.Name == "unobserved-demand-tested").Load();
        var own = Assert.Single(tested.Panel.LiftTests).Test;
        var both = SimulatedLiftTests.With(tested, precision: 0.15, Defaults).Panel.LiftTests;
        Assert.Equal(1 + tested.Panel.ChannelCount, both.Count);
        Assert.Equal(own, both[0].Test);
        var simulatedSearch = both.Skip(1).Single(t => t.Test.Channel == "media_search");
        var (ownLift, _) = TrueLiftAndKpi(tested, tested.Panel.LiftTests[0]);
        var (simulatedLift, _) = TrueLiftAndKpi(tested, simulatedSearch);
        Assert.NotEqual((own.Lift - ownLift) / own.StandardError, (simulatedSearch.Test.Lift - simulatedLift) / simulatedSearch.Test.StandardError, 1e-6);
    }

    private static (double Lift, double Kpi) TrueLiftAndKpi(RecoveryCase truth, PanelLiftTest t)
    {
        var panel = truth.Panel;
        var rows = t.Cells.Select(cell => (Region: cell / panel.PeriodCount, Period: cell % panel.PeriodCount)).ToList();
        return (rows.Sum(x => truth.Truth.Contributions[new RowKey(panel.Regions[x.Region], panel.Dates[x.Period])][t.Channel]),
            rows.Sum(x => panel.KpiAt(x.Region, x.Period)));
    }

    private sealed class TestEquality : IEqualityComparer<LiftTest>
    {
        public bool Equals(LiftTest? a, LiftTest? b) =>
            a is not null && b is not null && (a.Channel, a.Start, a.End, a.Lift, a.StandardError) == (b.Channel, b.Start, b.End, b.Lift, b.StandardError)
            && a.Regions!.SequenceEqual(b.Regions!);
        public int GetHashCode(LiftTest t) => t.Channel.GetHashCode();
    }
}
