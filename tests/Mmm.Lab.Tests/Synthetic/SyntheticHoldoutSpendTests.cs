using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

/// <summary>Spend raised from the first holdout week of the default split on, along the channel's unchanged true curve.</summary>
public class SyntheticHoldoutSpendTests
{
    private static SyntheticPanelSpec Spec(double? factor) => new()
    {
        Seed = 12,
        Regions = 2,
        Weeks = 100,
        RaggedRegions = 1,
        Channels =
        [
            new("media_search", MediaPattern.AlwaysOn, 20_000, AdstockDecay: 0.5, HillSlope: 2.0, HillHalfSaturation: 0.9, Beta: 2_500) { HoldoutSpendFactor = factor },
            new("media_tv", MediaPattern.Flighted, 2_000, 0.3, 1.5, 1.0, Beta: 3_000),
        ],
    };

    [Theory]
    [InlineData(130, 115)] // 130 - floor(15.6)
    [InlineData(100, 88)]
    [InlineData(45, 40)]   // the holdout shrinks to leave 40 training weeks
    public void The_holdout_starts_where_the_default_split_puts_it(int weeks, int first) =>
        Assert.Equal(first, SyntheticPanelGenerator.HoldoutStart(weeks));

    [Fact]
    public void Holdout_spend_is_the_planned_spend_times_the_factor_and_the_training_weeks_are_untouched()
    {
        var planned = SyntheticPanelGenerator.Generate(Spec(null));
        var raised = SyntheticPanelGenerator.Generate(Spec(1.8));
        int holdout = SyntheticPanelGenerator.HoldoutStart(100);
        var p = raised.Panel;
        for (int r = 0; r < p.RegionCount; r++)
            for (int t = 0; t < p.PeriodCount; t++)
            {
                if (!p.IsPresent(r, t)) continue;
                double before = planned.Panel.MediaAt(r, t, 0);
                Assert.Equal(t < holdout ? before : 1.8 * before, p.MediaAt(r, t, 0), 1e-9 * before);
                Assert.Equal(planned.Panel.MediaAt(r, t, 1), p.MediaAt(r, t, 1));
                if (t < holdout) Assert.Equal(planned.Truth.ContributionAt(r, t, "media_search"), raised.Truth.ContributionAt(r, t, "media_search"));
            }
        int search = raised.Truth.ComponentIndex("media_search");
        Assert.True(raised.Truth.ComponentTotal(search, holdout, 100) > planned.Truth.ComponentTotal(search, holdout, 100));
    }

    /// <summary>x = adstock of the raised spend over the mean adstock of the planned spend: the same curve further out.</summary>
    [Fact]
    public void The_raised_weeks_follow_the_true_curve_with_carry_over_from_the_raised_spend()
    {
        var planned = SyntheticPanelGenerator.Generate(Spec(null)).Panel;
        var raised = SyntheticPanelGenerator.Generate(Spec(1.8));
        int holdout = SyntheticPanelGenerator.HoldoutStart(100);
        for (int r = 0; r < 2; r++)
        {
            var present = Enumerable.Range(0, 100).Where(t => planned.IsPresent(r, t)).ToArray();
            double[] Adstock(Mmm.Science.Data.Panel panel)
            {
                var a = new double[present.Length];
                for (int i = 0; i < a.Length; i++) a[i] = panel.MediaAt(r, present[i], 0) + (i > 0 ? 0.5 * a[i - 1] : 0);
                return a;
            }
            double reference = Adstock(planned).Average(), beta = 2_500 * raised.Truth.RegionSize[r];
            double[] a = Adstock(raised.Panel);
            for (int i = 0; i < present.Length; i++)
            {
                double x = a[i] / reference, expected = beta * Math.Pow(x, 2) / (Math.Pow(x, 2) + Math.Pow(0.9, 2));
                Assert.Equal(expected, raised.Truth.ContributionAt(r, present[i], "media_search"), 1e-9 * beta);
            }
            Assert.Contains(present, t => t >= holdout);
        }
    }

    [Fact]
    public void A_non_positive_factor_is_rejected() =>
        Assert.Contains("HoldoutSpendFactor", Assert.Throws<ArgumentException>(() => SyntheticPanelGenerator.Generate(Spec(0))).Message);
}
