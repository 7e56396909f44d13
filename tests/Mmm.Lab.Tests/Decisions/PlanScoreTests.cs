using Mmm.Lab.Decisions;
using Mmm.Lab.Recovery;

namespace Mmm.Lab.Tests.Decisions;

public class PlanScoreTests
{
    [Theory]
    [InlineData(100.0, 110.0, 110.0, 1.0)]
    [InlineData(100.0, 105.0, 110.0, 0.5)]
    [InlineData(100.0, 100.0, 110.0, 0.0)]
    [InlineData(100.0, 90.0, 110.0, -1.0)]
    public void The_captured_gain_is_the_plans_share_of_the_optimums_gain(double current, double recommended, double optimum, double expected) =>
        Assert.Equal(expected, PlanScore.CapturedGain(current, recommended, optimum)!.Value, 12);

    [Fact]
    public void No_possible_gain_gives_no_figure()
    {
        Assert.Null(PlanScore.CapturedGain(1e6, 1e6, 1e6));
        Assert.Null(PlanScore.CapturedGain(1e6, 1e6 - 5, 1e6 + 1e-3));
    }

    [Fact]
    public void A_channel_that_drives_another_has_a_true_total_effect_above_its_direct_one()
    {
        var synthetic = RecoverySuite.Synthetic.Single(s => s.Name == "funnel").Generate();
        var effects = TrueTotalEffects.Compute(synthetic).ToDictionary(e => e.Channel);
        var tv = effects["media_tv"];
        Assert.True(tv.Total > 1.05 * tv.Direct, $"tv total {tv.Total} vs direct {tv.Direct}");
        Assert.Equal(synthetic.Truth.ChannelShares().Single(s => s.Channel == "media_tv").Contribution, tv.Direct, 1e-9 * tv.Direct);
        foreach (var name in new[] { "media_search", "media_social" })
            Assert.Equal(effects[name].Direct, effects[name].Total, 1e-9 * Math.Max(1, effects[name].Direct));
        Assert.Equal(0, effects["media_zero"].Total, 9);
    }
}
