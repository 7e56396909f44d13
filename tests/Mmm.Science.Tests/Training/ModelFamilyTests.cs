using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

/// <summary>The architecture seam: each family adds its own tensors and builds its own model, and says what it lacks.</summary>
public class ModelFamilyTests
{
    [Theory]
    [InlineData(Architecture.Reference, typeof(ReferenceFamily))]
    [InlineData(Architecture.Modulated, typeof(ModulatedFamily))]
    [InlineData(Architecture.Structural, typeof(ModulatedFamily))]
    public void The_architecture_picks_the_family(Architecture architecture, Type family)
    {
        Assert.IsType(family, ModelFamilies.For(new MmmOptions { Architecture = architecture }));
    }

    [Theory]
    [InlineData(Architecture.Reference, false)]
    [InlineData(Architecture.Structural, true)]
    public void Only_the_modulated_family_adds_a_drift_basis_and_a_confounder_basis(Architecture architecture, bool added)
    {
        var panel = SmallPanels.Generate(regions: 2, weeks: 60).Panel;
        var o = SmallPanels.Fast() with { Architecture = architecture };
        var split = PanelSplit.For(panel.PeriodCount, o);
        using var data = TrainingTensors.Build(panel, PanelScaler.Fit(panel, split.TrainEnd, o), o, split, CPU);

        Assert.Equal((added, added), (data.Inputs.DriftBasis is not null, data.Confounders is not null));
        Assert.Null(data.Lift); // the panel has no lift tests
    }

    [Fact]
    public void The_reference_model_has_no_structural_refits_and_no_intervals()
    {
        var panel = SmallPanels.Generate(regions: 2, weeks: 60).Panel;
        using var session = TrainingSession.Start(panel, SmallPanels.Fast() with { Architecture = Architecture.Reference });

        var e = Assert.Throws<InvalidOperationException>(() => session.EnsembleMembers(0, 2));
        Assert.Equal("the reference architecture has no structural refits", e.Message);
        Assert.Throws<InvalidOperationException>(() => session.SelfCheckRefits(0, 2));
        Assert.IsType<CausalMmmNetwork>(session.Network);
        Assert.Null(session.Restarts);
    }

    [Fact]
    public void The_structural_network_reports_a_zero_modulation()
    {
        var panel = SmallPanels.Generate(regions: 2, weeks: 60).Panel;
        using var session = TrainingSession.Start(panel, SmallPanels.Fast() with { Architecture = Architecture.Structural });
        using var _ = no_grad();
        using var scope = NewDisposeScope();

        var outputs = Assert.IsType<ModulatedOutputs>(session.Network.Forward(session.Data.Inputs, dropoutMask: null));

        Assert.Equal(0f, outputs.Modulation.abs().max().item<float>());
        Assert.Equal(1f, outputs.PredictionScale.item<float>());
    }
}
