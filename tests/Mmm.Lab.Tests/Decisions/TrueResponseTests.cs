using Mmm.Lab.Decisions;
using Mmm.Lab.Recovery;
using Mmm.Lab.Synthetic;
using Mmm.Science.Decisions;

namespace Mmm.Lab.Tests.Decisions;

public class TrueResponseTests
{
    public static TheoryData<string> Scenarios => new(RecoverySuite.Synthetic.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void With_the_panels_own_media_it_reproduces_the_generators_contributions(string name)
    {
        var synthetic = RecoverySuite.Synthetic.Single(s => s.Name == name).Generate();
        var (panel, truth) = (synthetic.Panel, synthetic.Truth);
        var simulated = TrueResponse.Simulate(truth, panel.Media, panel.Media, panel.PeriodCount, null);
        int c = panel.ChannelCount;
        for (int r = 0; r < panel.RegionCount; r++)
            for (int t = 0; t < panel.PeriodCount; t++)
            {
                if (!panel.IsPresent(r, t)) continue;
                for (int ci = 0; ci < c; ci++)
                {
                    double expected = truth.ContributionAt(r, t, panel.Channels[ci]);
                    double actual = simulated[(r * panel.PeriodCount + t) * c + ci];
                    Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                        $"{name} {panel.Channels[ci]} region {r} week {t}: {actual} vs the generator's {expected}");
                }
            }
    }

    [Fact]
    public void The_current_plan_is_the_planners_current_spend_over_the_horizon()
    {
        var synthetic = RecoverySuite.Synthetic.Single(s => s.Name == "ragged").Generate();
        var panel = synthetic.Panel;
        var response = new TrueResponse(synthetic, horizonWeeks: 10);
        var current = CurrentSpend.From(panel.Media, panel.Present, panel.RegionCount, panel.PeriodCount, panel.ChannelCount,
            Enumerable.Range(0, panel.ChannelCount).Select(panel.SpendPerUnit).ToArray());
        Assert.Equal(current.WeeklySpend.Select(w => 10 * w), response.Current);
        Assert.Equal(current.RegionSplit, response.CurrentSpend.RegionSplit);
    }

    [Fact]
    public void Spending_more_gains_less_per_unit_and_the_zero_plan_gains_nothing()
    {
        var response = new TrueResponse(RecoverySuite.Synthetic.Single(s => s.Name == "small-next-to-large").Generate());
        Assert.Equal(0, response.Outcome(new double[response.Current.Length]), 9);
        double once = response.Outcome(response.Current);
        double twice = response.Outcome(response.Current.Select(s => 2 * s).ToArray());
        Assert.True(once > 0, $"the current plan's true incremental KPI is {once}");
        Assert.True(twice > once && twice < 2 * once, $"twice the spend: {twice} vs {once}");
        Assert.Equal(0, response.ChannelOutcome(response.Current)[response.Channels.ToList().IndexOf("media_zero")]);
    }

    [Fact]
    public void A_parent_spending_more_raises_its_childs_true_outcome()
    {
        var response = new TrueResponse(RecoverySuite.Synthetic.Single(s => s.Name == "funnel").Generate());
        int tv = response.Channels.ToList().IndexOf("media_tv"), search = response.Channels.ToList().IndexOf("media_search");
        var more = (double[])response.Current.Clone();
        more[tv] *= 1.5;
        var less = (double[])response.Current.Clone();
        less[tv] *= 0.5;
        double atCurrent = response.ChannelOutcome(response.Current)[search];
        Assert.True(response.ChannelOutcome(more)[search] > atCurrent);
        Assert.True(response.ChannelOutcome(less)[search] < atCurrent);
        // Channels outside the funnel do not move.
        int social = response.Channels.ToList().IndexOf("media_social");
        Assert.Equal(response.ChannelOutcome(response.Current)[social], response.ChannelOutcome(more)[social], 9);
    }

    [Fact]
    public void The_carry_out_counts_the_adstock_tail()
    {
        var synthetic = RecoverySuite.Synthetic.Single(s => s.Name == "one-region-long").Generate();
        var longTail = new TrueResponse(synthetic, carryOutWeeks: 104);
        var noTail = new TrueResponse(synthetic, carryOutWeeks: 0);
        var longer = new TrueResponse(synthetic, carryOutWeeks: 208);
        Assert.True(longTail.Outcome(longTail.Current) > noTail.Outcome(noTail.Current));
        Assert.Equal(longer.Outcome(longer.Current), longTail.Outcome(longTail.Current), 1e-6 * longTail.Outcome(longTail.Current));
    }
}
