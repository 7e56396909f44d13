using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

/// <summary>An unobserved control is generated, drives the KPI and spend exactly as an observed one, and only leaves the panel.</summary>
public class SyntheticUnobservedControlTests
{
    private static readonly SyntheticControlSpec Demand = new("control_demand", ControlKind.Continuous, Coefficient: 60, Reference: 100, Variability: 0.08);

    private static SyntheticPanelSpec Spec(SyntheticControlSpec demand) => new()
    {
        Seed = 21,
        Regions = 3,
        Weeks = 104,
        Controls = [SyntheticPanelSpec.DefaultControls[0], demand, SyntheticPanelSpec.DefaultControls[1]],
        Channels =
        [
            new("media_tv", MediaPattern.Flighted, 2_000, 0.4, 2.0, 0.9, Beta: 3_000),
            new("media_search", MediaPattern.AlwaysOn, 20_000, 0.2, 1.5, 1.0, Beta: 0) { TargetShare = 0.05, SpendFollowsControl = "control_demand", ControlElasticity = 0.6 },
        ],
    };

    [Fact]
    public void Hiding_a_control_changes_nothing_but_the_panels_columns()
    {
        var seen = SyntheticPanelGenerator.Generate(Spec(Demand));
        var hidden = SyntheticPanelGenerator.Generate(Spec(Demand with { Observed = false }));

        Assert.Equal(seen.Panel.Kpi, hidden.Panel.Kpi);
        Assert.Equal(seen.Panel.Media, hidden.Panel.Media);
        Assert.Equal(seen.Truth.Contributions, hidden.Truth.Contributions);
        Assert.Equal(seen.Truth.Components, hidden.Truth.Components);
        Assert.Contains("control_demand", hidden.Truth.Components);

        Assert.Equal(["control_price", "control_demand", "control_promo"], seen.Panel.Controls);
        Assert.Equal(["control_price", "control_promo"], hidden.Panel.Controls);
        var p = seen.Panel;
        for (int r = 0; r < p.RegionCount; r++)
            for (int t = 0; t < p.PeriodCount; t++)
            {
                Assert.Equal(p.ControlAt(r, t, 0), hidden.Panel.ControlAt(r, t, 0));
                Assert.Equal(p.ControlAt(r, t, 2), hidden.Panel.ControlAt(r, t, 1));
            }
        Assert.True(hidden.Truth.ComponentTotal(hidden.Truth.ComponentIndex("control_demand"), 0, p.PeriodCount) != 0);
    }

    [Fact]
    public void Observed_is_the_default_and_an_explicit_true_gives_the_same_panel()
    {
        var unset = SyntheticPanelGenerator.Generate(Spec(Demand));
        var explicitlyObserved = SyntheticPanelGenerator.Generate(Spec(Demand with { Observed = true }));
        Assert.True(Demand.Observed);
        Assert.Equal(unset.Panel.Kpi, explicitlyObserved.Panel.Kpi);
        Assert.Equal(unset.Panel.ControlValues, explicitlyObserved.Panel.ControlValues);
    }

    /// <summary>With fixed betas and no noise an added unobserved control only adds its own contribution to the KPI.</summary>
    [Fact]
    public void An_added_unobserved_control_leaves_the_other_draws_alone_and_adds_its_contribution_to_the_kpi()
    {
        var fixedBetas = new SyntheticPanelSpec { Seed = 4, Regions = 2, NoiseSdFraction = 0 };
        var without = SyntheticPanelGenerator.Generate(fixedBetas);
        var with = SyntheticPanelGenerator.Generate(fixedBetas with { Controls = [.. fixedBetas.Controls, Demand with { Observed = false }] });

        Assert.Equal(without.Panel.Controls, with.Panel.Controls);
        Assert.Equal(without.Panel.ControlValues, with.Panel.ControlValues);
        Assert.Equal(without.Panel.Media, with.Panel.Media);
        int demand = with.Truth.ComponentIndex("control_demand");
        for (int r = 0; r < 2; r++)
            for (int t = 0; t < with.Panel.PeriodCount; t++)
            {
                double expected = without.Panel.KpiAt(r, t) + with.Truth.ContributionAt(r, t, demand);
                Assert.Equal(expected, with.Panel.KpiAt(r, t), 1e-9 * expected);
            }
    }

    [Fact]
    public void A_more_persistent_control_moves_more_slowly()
    {
        static double LagOne(SyntheticControlSpec control)
        {
            var s = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Seed = 9, Regions = 4, Weeks = 200, Controls = [control] });
            double sum = 0;
            for (int r = 0; r < 4; r++)
            {
                var x = Enumerable.Range(0, 200).Select(t => s.Panel.ControlAt(r, t, 0)).ToArray();
                sum += SeriesStats.Correlation(x[..^1], x[1..]) / 4;
            }
            return sum;
        }
        double slow = LagOne(Demand with { Persistence = 0.97 }), usual = LagOne(Demand), fast = LagOne(Demand with { Persistence = 0.3 });
        Assert.InRange(fast, 0.0, 0.5);
        Assert.InRange(usual, 0.65, 0.95);
        Assert.True(slow > usual && usual > fast, $"lag-1 correlations {slow:F2}, {usual:F2}, {fast:F2}");
        Assert.Equal(LagOne(Demand), LagOne(Demand with { Persistence = SyntheticControlSpec.DefaultPersistence }));
    }

    [Theory]
    [InlineData(1.0, ControlKind.Continuous)]
    [InlineData(0.0, ControlKind.Continuous)]
    [InlineData(0.5, ControlKind.EventDummy)]
    public void A_bad_persistence_is_rejected_with_the_setting_named(double persistence, ControlKind kind)
    {
        var control = Demand with { Kind = kind, Variability = 0.1, Persistence = persistence };
        var spec = new SyntheticPanelSpec { Controls = [control] };
        Assert.Contains("Persistence", Assert.Throws<ArgumentException>(() => SyntheticPanelGenerator.Generate(spec)).Message);
    }
}
