using Mmm.Science.Options;
using Mmm.Lab.Recovery;
using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Recovery;

/// <summary>
/// One real (tiny, a few seconds) training through the runner: the score is built from the product's own
/// FitResult and the truth of the generated panel. Nothing here judges the model, only the plumbing.
/// </summary>
public class RecoveryRunnerTests
{
    private static readonly SyntheticScenario Small = new("small", ["test"], new SyntheticPanelSpec
    {
        Seed = 3,
        Regions = 2,
        Weeks = 70,
        RaggedRegions = 1,
        Channels = TruthShapes.Draw(
        [
            new("media_a", MediaPattern.Flighted, 1_000, 0, 0, 0, 0) { TargetShare = 0.15 },
            new("media_b", MediaPattern.AlwaysOn, 12_000, 0, 0, 0, 0) { TargetShare = 0.02 },
            new("media_z", MediaPattern.AlwaysOn, 3_000, 0, 0, 0, 0) { TargetShare = 0.0 },
        ], seed: 3),
    });

    private static readonly MmmOptions Tiny = new()
    {
        Hidden = 8, Epochs = 20, WarmStartEpochs = 2, NotearsWarmupEpochs = 10, NotearsDualUpdateEvery = 10, Device = "cpu", Seed = 7,
    };

    [Fact]
    public void Scores_a_real_fit_against_the_generated_truth()
    {
        var loaded = Small.Load();
        var run = RecoveryRunner.Run(loaded, Tiny);
        var score = run.Score;

        Assert.Equal("small", score.Scenario);
        Assert.Equal(7, score.Seed);
        Assert.Equal(run.Training.Result.EpochsTrained, score.EpochsTrained);
        Assert.True(score.WallSeconds > 0 && score.CpuSeconds > 0);
        var trueShares = Small.Generate().Truth.ChannelShares();
        foreach (var (channel, product) in score.Channels.Zip(run.Training.Result.Channels))
        {
            Assert.Equal(product.All.Contribution, channel.ModelContribution, 1e-9 * Math.Max(1, Math.Abs(product.All.Contribution)));
            Assert.Equal(trueShares.Single(s => s.Channel == channel.Channel).Share, channel.TrueShare, 12);
        }
        Assert.True(score.Channels.Single(c => c.Channel == "media_z").ZeroEffect);
        Assert.Equal(run.Training.Result.Metrics.Holdout!.Wape, score.HoldoutWape);
        Assert.Equal(run.Training.Result.Adjacency.SelectedEdges.Count(), score.SelectedEdges.Count);
    }
}
