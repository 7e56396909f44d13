using Mmm.Lab.Decisions;
using Mmm.Lab.Recovery;
using Mmm.Lab.Synthetic;
using Mmm.Science.Decisions;
using Mmm.Science.Options;

namespace Mmm.Lab.Tests.Decisions;

/// <summary>
/// One small real fit (seconds) planned with its saved model and valued under the truth. A fit this short says little about the
/// planner's quality, so only what holds for any model is asserted: the figures are computed on the planner's own baseline, the
/// recommendation is feasible, and nothing it could recommend beats the true optimum.
/// </summary>
public class PlannerTruthCheckTests
{
    private static readonly SyntheticScenario Small = new("small-funnel", ["test"], new SyntheticPanelSpec
    {
        Seed = 5,
        Regions = 2,
        Weeks = 70,
        Channels = TruthShapes.Draw(
        [
            new("media_tv", MediaPattern.Flighted, 1_000, 0, 0, 0, 0) { TargetShare = 0.15 },
            new("media_search", MediaPattern.AlwaysOn, 12_000, 0, 0, 0, 0, DrivenBy: "media_tv", DrivenShare: 0.5) { TargetShare = 0.05 },
            new("media_z", MediaPattern.Campaigns, 3_000, 0, 0, 0, 0) { TargetShare = 0.0 },
        ], seed: 5),
    });

    private static readonly MmmOptions Tiny = new()
    {
        Hidden = 8, Epochs = 20, WarmStartEpochs = 2, NotearsWarmupEpochs = 10, NotearsDualUpdateEvery = 10, Device = "cpu", Seed = 7,
    };

    [Fact]
    public void A_fits_recommendation_is_scored_against_the_true_optimum_of_the_same_budget()
    {
        var loaded = Small.Load();
        var run = RecoveryRunner.Run(loaded, Tiny, scorePlan: true);
        var p = run.Score.Planner;
        Assert.NotNull(p);
        Assert.Null(run.Score.PlannerNotScored);

        var synthetic = loaded.Truth.Synthetic!;
        var response = new TrueResponse(synthetic);
        var (lower, upper) = TrueOptimum.Bounds(response, new PlanRequest());
        var recommended = p.Channels.Select(c => c.Recommended).ToArray();
        var optimum = p.Channels.Select(c => c.TrueOptimum).ToArray();
        double budget = response.Current.Sum(), scale = Math.Abs(p.TrueOptimum);

        // Same baseline and budget as the planner, and feasible plans on both sides.
        Assert.Equal(response.Current, p.Channels.Select(c => c.Current));
        Assert.Equal(budget, recommended.Sum(), 1e-6 * budget);
        Assert.Equal(budget, optimum.Sum(), 1e-6 * budget);
        for (int i = 0; i < recommended.Length; i++)
        {
            Assert.InRange(recommended[i], lower[i] * (1 - 1e-6), upper[i] * (1 + 1e-6));
            Assert.InRange(optimum[i], lower[i] * (1 - 1e-6), upper[i] * (1 + 1e-6));
        }
        // The values are the truth's, and the true optimum beats both the current plan and the recommendation.
        Assert.Equal(response.Outcome(response.Current), p.TrueCurrent, 1e-9 * scale);
        Assert.Equal(response.Outcome(recommended), p.TrueRecommended, 1e-9 * scale);
        Assert.True(p.TrueOptimumGain > 0, $"the true optimum gains {p.TrueOptimumGain} over the current plan");
        Assert.True(p.TrueOptimum >= p.TrueRecommended - 1e-9 * scale, $"the recommendation ({p.TrueRecommended}) beats the true optimum ({p.TrueOptimum})");
        double share = Assert.NotNull(p.CapturedGainShare);
        Assert.Equal(p.TrueGainOfPlan / p.TrueOptimumGain, share, 12);
        Assert.True(share <= 1 + 1e-6, $"captured {share}");
        Assert.Equal(share, run.Score.CapturedGainShare);

        var lines = ScenarioReportText.PlannerLines(run.Score);
        Assert.StartsWith($"  planner vs truth: captured {100 * share:F1} % of the true optimum's gain", lines[0]);
        Assert.Contains("media_search", lines[1]);
    }

    [Fact]
    public void A_case_without_a_generator_is_not_planned()
    {
        var loaded = Small.Load();
        var withoutGenerator = loaded with { Truth = RecoveryTruth.FromPanel(loaded.Panel, (r, t, c) => 0.0, []) };
        var score = RecoveryRunner.Run(withoutGenerator, Tiny with { Epochs = 4, NotearsWarmupEpochs = 2 }, scorePlan: true).Score;
        Assert.Null(score.Planner);
        Assert.Equal("no generator to value other plans", score.PlannerNotScored);
        Assert.Equal(["  planner vs truth: n/a (no generator to value other plans)"], ScenarioReportText.PlannerLines(score));
    }
}
