using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

public class SyntheticDagTests
{
    /// <summary>
    /// Within-region correlations, averaged over regions (pooled ones would be inflated by region size, which
    /// scales every channel). Search is 60 % adstocked TV by construction; the other channels are independent.
    /// </summary>
    [Theory]
    [InlineData(7ul)]
    [InlineData(31ul)]
    public void Search_follows_adstocked_tv_and_not_the_other_channels(ulong seed)
    {
        var s = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Seed = seed });
        var p = s.Panel;
        double tvDecay = s.Truth.AdstockDecays["media_tv"];

        double withTv = 0, withSocial = 0, withDisplay = 0, socialWithTv = 0;
        for (int r = 0; r < p.RegionCount; r++)
        {
            double[] tvAdstock = ResponseCurves.GeometricAdstock(Column(p, r, 0), tvDecay);
            double[] search = Column(p, r, 1);
            withTv += SeriesStats.Correlation(search, tvAdstock) / p.RegionCount;
            withSocial += SeriesStats.Correlation(search, Column(p, r, 2)) / p.RegionCount;
            withDisplay += SeriesStats.Correlation(search, Column(p, r, 3)) / p.RegionCount;
            socialWithTv += SeriesStats.Correlation(Column(p, r, 2), tvAdstock) / p.RegionCount;
        }

        Assert.True(withTv > 0.7, $"corr(search, adstocked tv) = {withTv}");
        Assert.True(withTv < 0.95, $"search should not be a copy of tv: corr = {withTv}");
        Assert.True(Math.Abs(withSocial) < 0.3, $"corr(search, social) = {withSocial}");
        Assert.True(Math.Abs(withDisplay) < 0.3, $"corr(search, display) = {withDisplay}");
        Assert.True(Math.Abs(socialWithTv) < 0.3, $"corr(social, adstocked tv) = {socialWithTv}");
    }

    private static double[] Column(Mmm.Science.Data.Panel p, int region, int channel) =>
        Enumerable.Range(0, p.PeriodCount).Select(t => p.MediaAt(region, t, channel)).ToArray();
}
