using Mmm.Lab.Decisions;
using Mmm.Lab.Recovery;
using Mmm.Lab.Synthetic;
using Mmm.Science.Decisions;

namespace Mmm.Lab.Tests.Decisions;

public class TrueOptimumTests
{
    /// <summary>Two Hill channels, one S-shaped and one concave, with very different returns at the current plan.</summary>
    private static SyntheticPanel TwoChannels() => SyntheticPanelGenerator.Generate(new SyntheticPanelSpec
    {
        Seed = 21,
        Regions = 2,
        Weeks = 80,
        Channels =
        [
            new("media_a", MediaPattern.Flighted, Scale: 1_000, AdstockDecay: 0.5, HillSlope: 2.2, HillHalfSaturation: 0.9, Beta: 0) { TargetShare = 0.15 },
            new("media_b", MediaPattern.AlwaysOn, Scale: 10_000, AdstockDecay: 0.2, HillSlope: 1.0, HillHalfSaturation: 0.5, Beta: 0) { TargetShare = 0.03 },
        ],
    });

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(0.0, 4.0)]
    public void On_two_channels_it_finds_the_dense_grids_best_within_a_tenth_of_a_percent(double min, double max)
    {
        var response = new TrueResponse(TwoChannels());
        var request = new PlanRequest { Default = new ChannelBound(min, max) };
        var (lower, upper) = TrueOptimum.Bounds(response, request);
        double budget = response.Current.Sum();
        var optimum = TrueOptimum.Find(response, request);

        double from = Math.Max(lower[0], budget - upper[1]), to = Math.Min(upper[0], budget - lower[1]);
        double gridBest = double.NegativeInfinity;
        for (int i = 0; i <= 20_000; i++)
        {
            double a = from + (to - from) * i / 20_000;
            gridBest = Math.Max(gridBest, response.Outcome([a, budget - a]));
        }
        double current = response.Outcome(response.Current);
        Assert.True(gridBest > current * (1 + 1e-4), "the case must leave a gain to find");
        Assert.Equal(budget, optimum.Spend.Sum(), 1e-6 * budget);
        Assert.All(optimum.Spend.Select((s, i) => (s, i)), x => Assert.InRange(x.s, lower[x.i] - 1e-6, upper[x.i] + 1e-6));
        Assert.Equal(response.Outcome(optimum.Spend), optimum.Value, 1e-9 * Math.Abs(optimum.Value));
        Assert.True(optimum.Value >= gridBest - 1e-3 * (gridBest - current), $"optimum {optimum.Value} vs grid {gridBest} (current {current})");
        Assert.True(optimum.Value <= gridBest + 1e-3 * (gridBest - current), $"optimum {optimum.Value} beats the grid {gridBest} by more than its resolution");
    }

    [Fact]
    public void The_optimum_of_a_funnel_beats_the_current_plan_and_every_simple_alternative()
    {
        var response = new TrueResponse(RecoverySuite.Synthetic.Single(s => s.Name == "funnel").Generate());
        var request = new PlanRequest();
        var (lower, upper) = TrueOptimum.Bounds(response, request);
        double budget = response.Current.Sum();
        var optimum = TrueOptimum.Find(response, request);
        Assert.True(optimum.Value >= response.Outcome(response.Current));
        var rng = new Random(5);
        for (int k = 0; k < 200; k++)
        {
            var random = BudgetProjection.Project(lower.Select((l, i) => l + rng.NextDouble() * (upper[i] - l)).ToArray(), lower, upper, budget);
            Assert.True(optimum.Value >= response.Outcome(random) - 1e-9 * Math.Abs(optimum.Value));
        }
    }

    [Fact]
    public void Flighted_and_target_requests_are_refused()
    {
        var response = new TrueResponse(TwoChannels());
        Assert.Throws<NotSupportedException>(() => TrueOptimum.Find(response, new PlanRequest { Flighting = true }));
        Assert.Throws<NotSupportedException>(() => TrueOptimum.Find(response, new PlanRequest { Objective = PlanObjective.TargetRoas, Target = 1 }));
    }
}
