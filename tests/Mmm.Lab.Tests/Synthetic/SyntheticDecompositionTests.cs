using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

public class SyntheticDecompositionTests
{
    private static readonly SyntheticPanel Default = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec());

    [Theory]
    [InlineData(7ul, 0)]
    [InlineData(11ul, 3)]
    [InlineData(2024ul, 8)]
    public void Components_sum_to_kpi_in_every_cell(ulong seed, int ragged)
    {
        var s = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Seed = seed, RaggedRegions = ragged });
        var truth = s.Truth;
        for (int r = 0; r < truth.RegionCount; r++)
            for (int t = 0; t < truth.PeriodCount; t++)
            {
                double sum = 0.0;
                for (int m = 0; m < truth.ComponentCount; m++) sum += truth.ContributionAt(r, t, m);
                double kpi = s.Panel.KpiAt(r, t);
                Assert.True(Math.Abs(sum - kpi) <= 1e-9 * Math.Max(1.0, Math.Abs(kpi)), $"r={r} t={t}: {sum} vs {kpi}");
            }
    }

    [Fact]
    public void Components_are_named_in_order()
    {
        Assert.Equal(
            ["baseline", "trend", "seasonality", "media_tv", "media_search", "media_social", "media_display",
             "control_price", "control_promo", "noise"],
            Default.Truth.Components);
    }

    [Theory]
    [InlineData(7ul)]
    [InlineData(99ul)]
    public void Kpi_is_positive_and_media_non_negative(ulong seed)
    {
        var p = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Seed = seed, RaggedRegions = 2 }).Panel;
        for (int r = 0; r < p.RegionCount; r++)
            for (int t = 0; t < p.PeriodCount; t++)
            {
                if (!p.IsPresent(r, t)) continue;
                Assert.True(p.KpiAt(r, t) > 0, $"KPI {p.KpiAt(r, t)} at r={r} t={t}");
                for (int c = 0; c < p.ChannelCount; c++) Assert.True(p.MediaAt(r, t, c) >= 0);
            }
    }

    [Fact]
    public void No_channel_is_constant_in_any_region()
    {
        var p = Default.Panel;
        for (int r = 0; r < p.RegionCount; r++)
            for (int c = 0; c < p.ChannelCount; c++)
            {
                var values = Enumerable.Range(0, p.PeriodCount).Select(t => p.MediaAt(r, t, c)).ToArray();
                Assert.True(values.Max() > values.Min() * 1.5, $"{p.Channels[c]} nearly constant in {p.Regions[r]}");
            }
    }

    [Fact]
    public void Promo_is_a_dummy_and_price_is_continuous()
    {
        var p = Default.Panel;
        var promo = Enumerable.Range(0, p.RegionCount * p.PeriodCount).Select(i => p.ControlValues[i * 2 + 1]).ToArray();
        var price = Enumerable.Range(0, p.RegionCount * p.PeriodCount).Select(i => p.ControlValues[i * 2]).ToArray();
        Assert.All(promo, v => Assert.True(v is 0.0 or 1.0));
        Assert.InRange(promo.Average(), 0.03, 0.15);
        Assert.True(price.Distinct().Count() > 50);
        Assert.InRange(price.Average(), 9.5, 10.5);
    }

    [Fact]
    public void Panel_shape_and_names_follow_the_spec()
    {
        var p = Default.Panel;
        Assert.Equal(8, p.RegionCount);
        Assert.Equal(130, p.PeriodCount);
        Assert.Equal(new DateOnly(2022, 1, 3), p.Dates[0]);
        Assert.Equal(7, p.StepDays);
        Assert.Equal("r01", p.Regions[0]);
        Assert.Equal("r08", p.Regions[7]);
        Assert.Equal("kpi", p.KpiName);
        Assert.Equal(["control_price", "control_promo"], p.Controls);
        Assert.Equal(0, p.AbsentCells);
    }

    [Fact]
    public void Region_levels_differ_up_to_about_five_fold()
    {
        var p = Default.Panel;
        double[] means = Enumerable.Range(0, p.RegionCount)
            .Select(r => Enumerable.Range(0, p.PeriodCount).Average(t => p.KpiAt(r, t))).ToArray();
        Assert.InRange(means.Max() / means.Min(), 4.0, 6.0);
    }

    [Fact]
    public void Noise_sd_is_about_four_percent_of_region_mean()
    {
        var truth = Default.Truth;
        int noise = truth.ComponentIndex(SyntheticTruth.Noise);
        for (int r = 0; r < truth.RegionCount; r++)
        {
            double[] n = Enumerable.Range(0, truth.PeriodCount).Select(t => truth.ContributionAt(r, t, noise)).ToArray();
            double mean = Enumerable.Range(0, truth.PeriodCount).Average(t => truth.Kpi[r * truth.PeriodCount + t]);
            double sd = Math.Sqrt(n.Select(v => v * v).Average());
            Assert.InRange(sd / mean, 0.03, 0.05);
        }
    }
}
