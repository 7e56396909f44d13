using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

/// <summary>Spend that follows the season (<see cref="MediaPattern.Seasonal"/>) or an observed control (confounding).</summary>
public class SyntheticSpendDriversTests
{
    private static readonly SyntheticControlSpec Demand = new("control_demand", ControlKind.Continuous, Coefficient: 60, Reference: 100, Variability: 0.08);

    private static SyntheticPanel Generate(double elasticity = 0.6, double? seasonalStrength = null) => SyntheticPanelGenerator.Generate(new SyntheticPanelSpec
    {
        Seed = 5,
        Regions = 4,
        Weeks = 130,
        Controls = [Demand, SyntheticPanelSpec.DefaultControls[1]],
        Channels =
        [
            new("media_tv", MediaPattern.Seasonal, 4_000, 0.3, 2.0, 0.9, Beta: 3_000) { SeasonalSpendStrength = seasonalStrength },
            new("media_search", MediaPattern.AlwaysOn, 20_000, 0.2, 1.5, 1.0, Beta: 2_000) { SpendFollowsControl = "control_demand", ControlElasticity = elasticity },
            new("media_social", MediaPattern.AlwaysOn, 6_000, 0.4, 2.0, 1.0, Beta: 2_000),
        ],
    });

    private static double[] Media(SyntheticPanel s, int r, int c) => Enumerable.Range(0, s.Panel.PeriodCount).Select(t => s.Panel.MediaAt(r, t, c)).ToArray();
    private static double[] Control(SyntheticPanel s, int r, int k) => Enumerable.Range(0, s.Panel.PeriodCount).Select(t => s.Panel.ControlAt(r, t, k)).ToArray();
    private static double[] Component(SyntheticPanel s, int r, string name) =>
        Enumerable.Range(0, s.Panel.PeriodCount).Select(t => s.Truth.ContributionAt(r, t, name)).ToArray();

    /// <summary>
    /// Spend = (1 + k season) x lognormal noise of sd 0.15; with k = 0.5 and a season of variance ~0.56 the
    /// correlation is about 0.85 in expectation, so 0.6 leaves room for sampling. An independent always-on
    /// channel is 0 in expectation but wanders slowly (AR(1), phi 0.8), so any one region can show +-0.4 by chance:
    /// it is compared on average over regions.
    /// </summary>
    [Fact]
    public void Seasonal_spend_correlates_with_the_kpi_season_in_every_region()
    {
        var s = Generate();
        double independent = 0;
        for (int r = 0; r < s.Panel.RegionCount; r++)
        {
            double[] season = Component(s, r, SyntheticTruth.Seasonality);
            Assert.InRange(SeriesStats.Correlation(Media(s, r, 0), season), 0.6, 1.0);
            independent += SeriesStats.Correlation(Media(s, r, 2), season) / s.Panel.RegionCount;
        }
        Assert.InRange(independent, -0.3, 0.3);
    }

    [Fact]
    public void A_stronger_seasonal_strength_swings_spend_more()
    {
        static double Swing(SyntheticPanel s) { var x = Media(s, 0, 0); return x.Max() / x.Min(); }
        Assert.True(Swing(Generate(seasonalStrength: 0.7)) > Swing(Generate(seasonalStrength: 0.2)));
    }

    /// <summary>
    /// log spend = own + 0.6 z with own of sd ~0.25: spend and the control correlate about 0.9 in expectation;
    /// the control raises the KPI (positive coefficient), so the channel is confounded by it, and it is in the panel.
    /// </summary>
    [Fact]
    public void Confounded_spend_follows_the_observed_control_that_raises_the_kpi()
    {
        var s = Generate();
        Assert.Contains("control_demand", s.Panel.Controls);
        double independent = 0;
        for (int r = 0; r < s.Panel.RegionCount; r++)
        {
            double[] demand = Control(s, r, 0);
            Assert.InRange(SeriesStats.Correlation(Media(s, r, 1), demand), 0.6, 1.0);
            independent += SeriesStats.Correlation(Media(s, r, 2), demand) / s.Panel.RegionCount;
            Assert.True(SeriesStats.Correlation(Component(s, r, "control_demand"), demand) > 0.999, "the control's effect is its value times a positive coefficient");
        }
        Assert.InRange(independent, -0.3, 0.3);
    }

    [Fact]
    public void Following_a_control_keeps_the_channels_mean_spend()
    {
        var s = Generate();
        double size = s.Truth.RegionSize[0];
        Assert.Equal(20_000 * size, Media(s, 0, 1).Average(), 1e-6 * 20_000 * size);
    }

    [Fact]
    public void Bad_spend_drivers_are_rejected_with_the_setting_named()
    {
        var channel = new SyntheticChannelSpec("media_a", MediaPattern.AlwaysOn, 1, 0.2, 1, 1, 1);
        var spec = new SyntheticPanelSpec { Channels = [channel with { SpendFollowsControl = "control_nope", ControlElasticity = 0.5 }] };
        Assert.Contains("control_nope", Assert.Throws<ArgumentException>(() => SyntheticPanelGenerator.Generate(spec)).Message);
        spec = new SyntheticPanelSpec { Channels = [channel with { ControlElasticity = 0.5 }] };
        Assert.Contains("SpendFollowsControl", Assert.Throws<ArgumentException>(() => SyntheticPanelGenerator.Generate(spec)).Message);
        spec = new SyntheticPanelSpec { Channels = [channel with { Pattern = MediaPattern.Seasonal, SeasonalSpendStrength = 0.9 }] };
        Assert.Contains("SeasonalSpendStrength", Assert.Throws<ArgumentException>(() => SyntheticPanelGenerator.Generate(spec)).Message);
    }

    [Fact]
    public void New_features_are_deterministic()
    {
        var a = Generate();
        var b = Generate();
        Assert.Equal(a.Panel.Media, b.Panel.Media);
        Assert.Equal(a.Truth.Contributions, b.Truth.Contributions);
        Assert.NotEqual(a.Panel.Media, Generate(elasticity: 0.3).Panel.Media);
    }
}
