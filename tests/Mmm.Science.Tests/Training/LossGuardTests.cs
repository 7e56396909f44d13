using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

public class LossGuardTests
{
    private static LossTerms Terms(float fit = 0.5f, float dag = 0.1f, float l2 = 2f, float? structure = null, float? total = null) =>
        new ReferenceLossTerms
        {
            Total = tensor(total ?? fit + dag + l2), Fit = tensor(fit), Dag = tensor(dag), Sparsity = tensor(0.01f), L1 = tensor(3f), L2 = tensor(l2),
            Structure = structure is float s ? tensor(s) : null,
        };

    [Fact]
    public void A_finite_loss_passes()
    {
        LossGuard.Check(Terms(), 7, LossGuard.Training);
        LossGuard.Check(Terms(structure: 0.2f, total: 2.8f), 7, LossGuard.Training);
    }

    [Theory]
    [InlineData(float.NaN, 1, 2, "fit")]
    [InlineData(0.5f, 1, float.PositiveInfinity, "l2")]
    [InlineData(0.5f, float.NegativeInfinity, float.PositiveInfinity, "dag")]
    public void A_non_finite_loss_names_the_epoch_and_the_first_non_finite_term(float fit, float dag, float l2, string term)
    {
        var e = Assert.Throws<TrainingDivergedException>(() => LossGuard.Check(Terms(fit, dag, l2), 12, LossGuard.Training));

        Assert.Equal((LossGuard.Training, 12, term), (e.Phase, e.Epoch, e.Term));
        Assert.Contains($"at training epoch 12; its first non-finite term is '{term}'", e.Message);
        Assert.Contains("Lower learningRate", e.Message);
    }

    [Fact]
    public void An_optional_term_is_named_too()
    {
        var e = Assert.Throws<TrainingDivergedException>(() => LossGuard.Check(Terms(structure: float.NaN, total: float.NaN), 3, LossGuard.WarmStart));

        Assert.Equal("structure", e.Term);
        Assert.Equal("training diverged: the loss is NaN at warm start epoch 3; its first non-finite term is 'structure' (NaN). Lower warmStartLearningRate or look for extreme values in the input.",
            e.Message);
    }

    [Fact]
    public void Finite_terms_whose_weighted_sum_overflows_are_reported_as_the_total()
    {
        var e = Assert.Throws<TrainingDivergedException>(() => LossGuard.Check(Terms(total: float.PositiveInfinity), 5, LossGuard.Training));

        Assert.Equal("total", e.Term);
    }
}
