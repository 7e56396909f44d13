using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The objective of the modulated and structural architectures: a penalised Gaussian likelihood per fitted
/// cell, <c>(½ SSE / σ² + priors) / N</c>, so that priors weigh as much as their prior information says
/// and fade as the panel grows. σ² is the noise variance the structural pre-fit measured. Priors: logit-normal
/// on the adstock decays, log-normal on the Hill slopes and half-saturation points (when their sd is set), normal on each region's deviation
/// from the pooled effects, normal on the modulation per cell, and an optional bounded shrinkage of each channel's
/// mean contribution (effects too small for the data fall to zero). The channel graph keeps the NOTEARS terms
/// and the structure score on the media. With lift tests (<see cref="LiftCalibration"/>) their likelihood is added
/// like the fit's.
/// </summary>
public static class ModulatedLoss
{
    public static LossTerms Compute(ModulatedMmmNetwork net, ModelOutputs outputs, Tensor target, Tensor mask,
        NotearsState notears, Tensor media, Tensor? confounders, bool structuralOnly = false, bool withShrinkage = true, LiftCalibration? lift = null)
    {
        using var k = new KeptScalars();
        var o = net.Options;
        var cells = mask.sum().clamp_min(k[1]);
        var squared = ((outputs.Prediction - target).square() * mask).sum();
        var fit = squared / cells;
        var priors = Priors(net, outputs, mask, withShrinkage);
        Tensor? modulation = null;
        var total = k[0.5] * squared / net.NoiseVariance + priors;
        if (net.Modulated)
        {
            // In KPI units: what the modulation adds to each channel's contribution, so a large effect cannot
            // hide behind a small modulation (a saturated channel would otherwise become a constant that
            // trades with the baseline while the GRU supplies its weekly variation).
            var added = outputs.MediaContributions * outputs.MediaCoefficientsRaw / (k[1] + outputs.MediaCoefficientsRaw);
            modulation = k[0.5] * (added.square() * mask.unsqueeze(-1)).sum() / k[o.ModulationPriorSd * o.ModulationPriorSd];
            total = total + modulation;
        }
        var calibration = lift?.Term(outputs.MediaContributions);
        if (calibration is not null) total = total + calibration;
        total = total / cells;
        if (structuralOnly)
            return new LossTerms(total, fit, zeros(1, device: fit.device), null, null, null, null, null, null, null, null, priors, modulation, calibration);

        var dag = MmmLoss.DagLoss(net, notears);
        total = total + k[o.DagWeight] * dag;
        Tensor? structure = null;
        if (o.DagStructureWeight > 0)
        {
            structure = MmmLoss.StructureScore(media, outputs.MediaAdstock.detach(), net.Adjacency(), mask, confounders);
            total = total + k[o.DagStructureWeight] * structure;
        }
        return new LossTerms(total, fit, dag, null, null, null, null, null, null, null, structure, priors, modulation, calibration);
    }

    /// <summary>The negative log priors of the structural parameters (summed, not divided by N).</summary>
    /// <param name="withShrinkage">false: leave out the effect shrinkage (<see cref="Shrinkage"/>), as the attribution intervals do.</param>
    public static Tensor Priors(ModulatedMmmNetwork net, ModelOutputs outputs, Tensor mask, bool withShrinkage = true)
    {
        var o = net.Options;
        var total = Pooling(net.RegionEffect, o.RegionPoolingSd)
                  + Pooling(net.RegionControlCoeff, o.ControlPoolingSd)
                  + Pooling(net.SeasonalAmplitude, o.SeasonalPoolingSd)
                  + Pooling(net.TrendSlope, o.TrendPoolingSd);
        if (o.AdstockPriorSd > 0)
            total = total + ShapePrior(net, net.AdstockRaw, 0, o.AdstockPriorSd);
        if (o.HillSlopePriorSd > 0)
            total = total + ShapePrior(net, log(net.HillSlope()), 1, o.HillSlopePriorSd);
        if (o.HillHalfPriorSd > 0)
            total = total + ShapePrior(net, log(net.HillHalf()), 2, o.HillHalfPriorSd);
        if (withShrinkage && o.EffectShrinkage > 0)
            total = total + Shrinkage(MeanContributions(outputs, mask), o).sum();
        return total;
    }

    /// <summary>[C] each channel's mean contribution per fitted cell (scaled KPI).</summary>
    public static Tensor MeanContributions(ModelOutputs outputs, Tensor mask)
    {
        using var k = new KeptScalars();
        var m = mask.unsqueeze(-1);
        return (outputs.MediaContributions * m).sum([0, 1]) / m.sum().clamp_min(k[1]);
    }

    /// <summary>
    /// [C] the bounded shrinkage of each channel's mean contribution: any effect well above the scale costs the same
    /// (at most effectShrinkage nats), so only effects the data cannot tell from zero are pulled there, and a
    /// large weakly identified channel is not traded away for a smaller penalty.
    /// </summary>
    public static Tensor Shrinkage(Tensor meanContributions, MmmOptions o)
    {
        using var k = new KeptScalars();
        return k[o.EffectShrinkage] * (k[1] - exp(-meanContributions.clamp_min(k[0]) / k[o.EffectShrinkageScale]));
    }

    /// <summary>-log of a zero-mean normal prior (sd <paramref name="sd"/>) on every region's deviation from a pooled value.</summary>
    private static Tensor Pooling(Tensor deviation, double sd)
    {
        using var k = new KeptScalars();
        return k[0.5] * deviation.square().sum() / k[sd * sd];
    }

    /// <summary>
    /// -log of one response-shape prior over the channels (<paramref name="value"/>: [C] on the prior's scale; <paramref name="index"/>:
    /// which shape, in the order of <see cref="ModulatedMmmNetwork.ShapePriorMedians"/>). Without shape pooling each channel
    /// is normal around the median; with it, around the panel's own centre (entry <paramref name="index"/> of shape_centre),
    /// which is itself normal around the median. The variance is split so that one channel's marginal prior keeps sd
    /// <paramref name="sd"/>: a channel whose data are silent on its shape follows the channels whose data are not, instead
    /// of the fixed median.
    /// </summary>
    private static Tensor ShapePrior(ModulatedMmmNetwork net, Tensor value, int index, double sd)
    {
        var pooling = net.Options.ShapePooling;
        double centre = ModulatedMmmNetwork.ShapePriorMedians(net.Options)[index];
        if (net.ShapeCentre is not { } panel || pooling <= 0) return Normal(value, centre, sd);
        using var k = new KeptScalars();
        var panelCentre = panel[index];
        double within = sd * Math.Sqrt(1 - pooling), between = sd * Math.Sqrt(pooling);
        return k[0.5] * ((value - panelCentre) / k[within]).square().sum() + Normal(panelCentre, centre, between);
    }

    /// <summary>-log of a normal prior on <paramref name="value"/> (logit or log scale: the logit- and log-normal priors).</summary>
    private static Tensor Normal(Tensor value, double centre, double sd)
    {
        using var k = new KeptScalars();
        return k[0.5] * ((value - k[centre]) / k[sd]).square().sum();
    }
}
