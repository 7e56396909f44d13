using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Lab.Synthetic;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

/// <summary>Inputs that used to crash or poison training now train, or stop at once with a clear error.</summary>
public class InputsThatUsedToBreakTrainingTests
{
    [Fact]
    public void A_panel_without_controls_trains_and_decomposes()
    {
        // Used to end in a LibTorch error: nn.Linear(0, H/2) cannot be initialised.
        var panel = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = 2, Weeks = 60, Controls = [] }).Panel;
        Assert.Equal(0, panel.ControlCount);

        var result = TrainingDriver.Run(panel, SmallPanels.Fast(10)).Result;

        Assert.Equal(panel.RowCount, result.Fit.Count);
        Assert.All(result.Fit, f => Assert.True(double.IsFinite(f.Predicted)));
        Assert.Equal(panel.RowCount * (3 + panel.ChannelCount), result.Decomposition.Count);
        Assert.DoesNotContain(result.Decomposition, d => d.ComponentType == ComponentTypes.Control);
        var sums = result.Decomposition.GroupBy(d => (d.Region, d.Date)).ToDictionary(g => g.Key, g => g.Sum(d => d.Contribution));
        Assert.All(result.Fit, f => Assert.True(Math.Abs(sums[(f.Region, f.Date)] - f.Predicted) <= 1e-6 * Math.Max(1, Math.Abs(f.Predicted))));
    }

    [Fact]
    public void An_absurd_learning_rate_stops_training_at_the_first_non_finite_epoch()
    {
        var panel = SmallPanels.Generate(regions: 2, weeks: 60).Panel;
        var options = SmallPanels.Fast(40) with { LearningRate = 1e30, WarmStartEpochs = 0 };

        var e = Assert.Throws<TrainingDivergedException>(() => TrainingDriver.Run(panel, options));

        // Epoch 1 runs on the data-driven initialisation (finite); its step of ~1e30 per weight breaks epoch 2.
        Assert.Equal((LossGuard.Training, 2), (e.Phase, e.Epoch));
        Assert.Contains($"at training epoch 2; its first non-finite term is '{e.Term}'", e.Message);
        Assert.Contains(e.Term, new[] { "fit", "dag", "sparsity", "l1", "l2", "structure", "total" });
    }

    [Fact]
    public void An_absurd_warm_start_learning_rate_stops_the_warm_start()
    {
        var panel = SmallPanels.Generate(regions: 2, weeks: 60).Panel;
        var options = SmallPanels.Fast(10) with { Architecture = Architecture.Reference, WarmStartLearningRate = 1e30 };

        var e = Assert.Throws<TrainingDivergedException>(() => TrainingDriver.Run(panel, options));

        Assert.Equal((LossGuard.WarmStart, 2), (e.Phase, e.Epoch));
        Assert.Contains("Lower warmStartLearningRate", e.Message);
    }

    [Fact]
    public void An_absurd_structural_learning_rate_stops_the_pre_fit()
    {
        var panel = SmallPanels.Generate(regions: 2, weeks: 60).Panel;
        var options = SmallPanels.Fast(10) with { StructuralLearningRate = 1e30 };

        var e = Assert.Throws<TrainingDivergedException>(() => TrainingDriver.Run(panel, options));

        Assert.Equal(LossGuard.WarmStart, e.Phase);
        Assert.Contains("Lower structuralLearningRate", e.Message);
    }
}
