using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

public class SyntheticSharesTests
{
    [Theory]
    [InlineData(7ul)]
    [InlineData(8ul)]
    [InlineData(12345ul)]
    public void Channel_shares_are_identifiable(ulong seed)
    {
        var truth = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Seed = seed }).Truth;
        var shares = truth.ChannelShares();

        Assert.Equal(["media_tv", "media_search", "media_social", "media_display"], shares.Select(s => s.Channel));
        Assert.All(shares, s => Assert.InRange(s.Share, 0.05, 0.20));
        Assert.InRange(shares.Sum(s => s.Share), 0.30, 0.42);
    }

    [Fact]
    public void Shares_over_a_week_range_add_up_with_the_rest()
    {
        var truth = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec()).Truth;
        var first = truth.ChannelShares(0, 60);
        var rest = truth.ChannelShares(60, truth.PeriodCount);
        var all = truth.ChannelShares();

        for (int c = 0; c < all.Count; c++)
        {
            Assert.Equal(all[c].Contribution, first[c].Contribution + rest[c].Contribution, 1e-6 * all[c].Contribution);
            double expectedShare = all[c].Contribution / truth.KpiTotal(0, truth.PeriodCount);
            Assert.Equal(expectedShare, all[c].Share, 12);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => truth.ChannelShares(10, truth.PeriodCount + 1));
    }

    [Fact]
    public void Truth_exposes_decays_betas_and_the_planted_edge()
    {
        var truth = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec()).Truth;
        Assert.Equal(new DagEdge("media_tv", "media_search", 0.6), Assert.Single(truth.Edges));
        Assert.Equal(0.6, truth.AdstockDecays["media_tv"]);
        Assert.Equal(0.2, truth.AdstockDecays["media_search"]);
        Assert.Equal(0.4, truth.AdstockDecays["media_social"]);
        Assert.Equal(0.3, truth.AdstockDecays["media_display"]);
        Assert.All(truth.Betas.Values, b => Assert.True(b > 0));
        Assert.Equal(truth.Betas["media_tv"] * truth.RegionSize[3], truth.BetaInRegion(3, 0));
    }
}
