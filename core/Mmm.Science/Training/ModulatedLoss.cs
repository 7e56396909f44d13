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
/// and the structure score on the media. With lift tests (<see cref="Calibration"/>) their likelihood is added
/// like the fit's.
/// </summary>
public static class ModulatedLoss
{
    public static ModulatedLossTerms Compute(ModulatedMmmNetwork net, ModulatedOutputs outputs, Tensor target, Tensor mask,
        NotearsState notears, Tensor media, Tensor? confounders, bool structuralOnly = false, bool withShrinkage = true, Calibration? lift = null,
        PriorShifts? shifts = null, Calibration? roi = null)
    {
        using var k = new KeptScalars();
        var o = net.Options;
        var cells = mask.sum().clamp_min(k[1]);
        var squared = ((outputs.Prediction - target).square() * mask).sum();
        var fit = squared / cells;
        var priors = Priors(net, outputs, mask, withShrinkage, shifts);
        Tensor? modulation = null;
        var total = k[0.5] * squared / net.NoiseVariance + priors;
        if (net.Modulated)
        {
            // In KPI units: what the modulation adds to each channel's contribution, so a large effect cannot
            // hide behind a small modulation (a saturated channel would otherwise become a constant that
            // trades with the baseline while the GRU supplies its weekly variation).
            var added = outputs.MediaContributions * outputs.Modulation / (k[1] + outputs.Modulation);
            modulation = k[0.5] * (added.square() * mask.unsqueeze(-1)).sum() / k[o.ModulationPriorSd * o.ModulationPriorSd];
            total = total + modulation;
        }
        var calibration = CalibrationTerm(outputs.MediaContributions, lift, roi, shifts);
        if (calibration is not null) total = total + calibration;
        total = total / cells;
        if (structuralOnly)
            return new ModulatedLossTerms { Total = total, Fit = fit, Dag = zeros(1, device: fit.device), Priors = priors, Modulation = modulation, Calibration = calibration };

        var dag = MmmLoss.DagLoss(net, notears);
        total = total + k[o.DagWeight] * dag;
        Tensor? structure = null;
        if (o.DagStructureWeight > 0)
        {
            structure = MmmLoss.StructureScore(media, outputs.MediaAdstock.detach(), net.Adjacency(), mask, confounders);
            total = total + k[o.DagStructureWeight] * structure;
        }
        return new ModulatedLossTerms { Total = total, Fit = fit, Dag = dag, Structure = structure, Priors = priors, Modulation = modulation, Calibration = calibration };
    }

    /// <summary>The lift tests' and the ROI priors' terms together (<see cref="Calibration"/>); null when there are neither.</summary>
    public static Tensor? CalibrationTerm(Tensor mediaContributions, Calibration? lift, Calibration? roi, PriorShifts? shifts)
    {
        var tests = lift?.Term(mediaContributions, shifts?.LiftErrors);
        var priors = roi?.Term(mediaContributions, shifts?.RoiErrors);
        return tests is null ? priors : priors is null ? tests : tests + priors;
    }

    /// <summary>The negative log priors of the structural parameters (summed, not divided by N).</summary>
    /// <param name="withShrinkage">false: leave out the effect shrinkage (<see cref="Shrinkage"/>).</param>
    /// <param name="shifts">An ensemble member's draw of the prior centres (<see cref="PriorShifts"/>); null: the priors as set.</param>
    public static Tensor Priors(ModulatedMmmNetwork net, ModelOutputs outputs, Tensor mask, bool withShrinkage = true, PriorShifts? shifts = null) =>
        Priors(net.Values(), net.Options, outputs?.MediaContributions, mask, withShrinkage, shifts);

    /// <summary>The same for <see cref="StructuralValues"/> with or without a leading member dimension (summed over members).</summary>
    /// <param name="mediaContributions">[(M,) R, T, C]; may be null when <paramref name="withShrinkage"/> is false.</param>
    public static Tensor Priors(StructuralValues v, MmmOptions o, Tensor? mediaContributions, Tensor mask, bool withShrinkage = true, PriorShifts? shifts = null)
    {
        var total = Pooling(v.RegionEffect, o.RegionPoolingSd, shifts?.RegionEffect)
                  + Pooling(v.RegionControlCoeff, o.ControlPoolingSd, shifts?.RegionControl)
                  + Pooling(v.SeasonalAmplitude, o.SeasonalPoolingSd, shifts?.RegionSeason)
                  + Pooling(v.TrendSlope, o.TrendPoolingSd, shifts?.RegionTrend);
        if (v.Drift is { } drift)
            total = total + BaselineDrift.RandomWalkPrior(drift, o.BaselineDriftSd, shifts?.DriftSteps)
                          + BaselineDrift.RandomWalkPrior(v.RegionDrift!, o.RegionDriftSd, shifts?.RegionDriftSteps);
        if (v.Confounding is { } confounding)
            total = total + Pooling(confounding, o.LiftConfoundingSd, shifts?.Confounding);
        if (o.AdstockPriorSd > 0)
            total = total + ShapePrior(v, o, v.AdstockRaw, 0, o.AdstockPriorSd, shifts?.Shapes?.select(-2, 0));
        if (o.HillSlopePriorSd > 0)
            total = total + ShapePrior(v, o, log(v.HillSlope(o)), 1, o.HillSlopePriorSd, shifts?.Shapes?.select(-2, 1));
        if (o.HillHalfPriorSd > 0)
            total = total + ShapePrior(v, o, log(v.HillHalf()), 2, o.HillHalfPriorSd, shifts?.Shapes?.select(-2, 2));
        if (withShrinkage && o.EffectShrinkage > 0)
            total = total + Shrinkage(MeanContributions(mediaContributions!, mask), o).sum();
        return total;
    }

    /// <summary>[(M,) C] each channel's mean contribution per fitted cell (scaled KPI).</summary>
    public static Tensor MeanContributions(ModelOutputs outputs, Tensor mask) => MeanContributions(outputs.MediaContributions, mask);

    /// <param name="mediaContributions">[(M,) R, T, C].</param>
    public static Tensor MeanContributions(Tensor mediaContributions, Tensor mask)
    {
        using var k = new KeptScalars();
        var m = mask.unsqueeze(-1);
        return (mediaContributions * m).sum([-3, -2]) / m.sum().clamp_min(k[1]);
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
    private static Tensor Pooling(Tensor deviation, double sd, Tensor? centre = null)
    {
        using var k = new KeptScalars();
        var d = centre is null ? deviation : deviation - centre;
        return k[0.5] * d.square().sum() / k[sd * sd];
    }

    /// <summary>
    /// -log of one response-shape prior over the channels (<paramref name="value"/>: [C] on the prior's scale; <paramref name="index"/>:
    /// which shape, in the order of <see cref="ModulatedMmmNetwork.ShapePriorMedians"/>). Without shape pooling each channel
    /// is normal around the median; with it, around the panel's own centre (entry <paramref name="index"/> of shape_centre),
    /// which is itself normal around the median. The variance is split so that one channel's marginal prior keeps sd
    /// <paramref name="sd"/>: a channel whose data are silent on its shape follows the channels whose data are not, instead
    /// of the fixed median.
    /// </summary>
    private static Tensor ShapePrior(StructuralValues v, MmmOptions o, Tensor value, int index, double sd, Tensor? shift = null)
    {
        var pooling = o.ShapePooling;
        double centre = ModulatedMmmNetwork.ShapePriorMedians(o)[index];
        if (shift is not null) value = value - shift;
        if (v.ShapeCentre is not { } panel || pooling <= 0) return Normal(value, centre, sd);
        using var k = new KeptScalars();
        var panelCentre = panel.select(-1, index).unsqueeze(-1);
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
