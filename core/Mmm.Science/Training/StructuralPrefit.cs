using Microsoft.Extensions.Logging;
using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The warm start of the modulated and structural architectures: fits the structural model alone (no GRU)
/// from one or more starting shapes of the response curves and keeps the restart with the best profile
/// likelihood (½ N ln MSE + priors + the lift tests' term). The noise variance σ² is re-estimated from the residuals as it goes
/// and left in the network for the main objective. Cheap: no sequential step, so thousands of epochs cost
/// seconds; the GRU then starts from this model with its modulation at zero.
/// </summary>
internal static class StructuralPrefit
{
    /// <summary>Starting (decay, slope, half-saturation) of each restart, cycled when more are asked for.</summary>
    private static readonly (double Decay, double Slope, double Half)[] Starts =
        [(0.3, 1.5, 1.0), (0.6, 2.5, 0.8), (0.1, 1.0, 1.5), (0.45, 2.0, 1.2)];

    /// <summary>Each channel's share of the scaled KPI at the start.</summary>
    private const double InitialShare = 0.02;

    /// <returns>The kept restart's σ², and every restart's score and channels' mean contributions (<see cref="PrefitRestarts"/>).</returns>
    public static (double Fit, PrefitRestarts Restarts) Run(ModulatedMmmNetwork net, TrainingTensors data, MmmOptions o, ILogger logger)
    {
        net.HoldStructure(false);
        int restarts = o.StructuralRestarts;
        var starts = Enumerable.Range(0, restarts).Select(r => Starts[r % Starts.Length]).ToList();
        using var targets = data.Target.unsqueeze(0).expand(restarts, -1, -1).contiguous();
        using var batch = Start(net, data, starts.Select(_ => (Tensor?)null).ToList(), starts);
        batch.Fit(data, o, targets, null, o.StructuralEpochs, o.StructuralLearningRate, reestimateNoise: true, o.StructuralShrinkageFrom);
        var scores = batch.Scores(data, o, targets);
        var fits = HostArray.Of(batch.NoiseVariance);
        for (int r = 0; r < restarts; r++)
            logger.LogInformation("Structural pre-fit {Restart}/{Restarts} from decay {Decay}, slope {Slope}, half {Half}: fit {Fit:E3}, score {Score:F2}",
                r + 1, restarts, starts[r].Decay, starts[r].Slope, starts[r].Half, fits[r], scores[r]);
        int best = Array.IndexOf(scores, scores.Min());
        var restartsFound = new PrefitRestarts(best, scores, batch.MeanContributions(data, o));
        CopyInto(net, batch, best);
        return (fits[best], restartsFound);
    }

    /// <summary>
    /// A batch of structural fits starting from the product's initialisation (<see cref="Initialise"/>) for each of
    /// <paramref name="targets"/> (null: the panel's KPI) and response shapes <paramref name="shapes"/> (null: the first restart's).
    /// The network is left as it was.
    /// </summary>
    internal static StructuralBatch Start(ModulatedMmmNetwork net, TrainingTensors data, IReadOnlyList<Tensor?> targets,
        IReadOnlyList<(double Decay, double Slope, double Half)>? shapes = null) => StructuralRefit.Restoring(net, () =>
    {
        var starts = new List<StructuralValues>();
        var noise = new List<double>();
        for (int m = 0; m < targets.Count; m++)
        {
            Initialise(net, data, shapes?[m] ?? Starts[0], targets[m]);
            starts.Add(net.Values().Select(t => t.detach().clone()));
            noise.Add(net.NoiseVariance.item<float>());
        }
        var batch = StructuralBatch.Stack(starts, noise);
        foreach (var v in starts) foreach (var t in v.All()) t.Dispose();
        return batch;
    });

    /// <summary>Sets the network's structural parameters and σ² to member <paramref name="member"/> of <paramref name="batch"/>.</summary>
    internal static void CopyInto(ModulatedMmmNetwork net, StructuralBatch batch, int member)
    {
        using var _ = no_grad();
        foreach (var (p, v) in net.Values().All().Zip(batch.Member(member).All())) p.copy_(v);
        net.NoiseVariance.copy_(batch.NoiseVariance[member]);
    }

    /// <summary>Sets the response curves to <paramref name="start"/>, every channel to a small equal share, the rest to the region means.</summary>
    private static void Initialise(ModulatedMmmNetwork net, TrainingTensors data, (double Decay, double Slope, double Half) start, Tensor? target = null)
    {
        using var k = new KeptScalars();
        var o = net.Options;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        double slopeFraction = Math.Clamp((start.Slope - o.HillSlopeMin) / (o.HillSlopeMax - o.HillSlopeMin), 0.02, 0.98);
        net.AdstockRaw.fill_(k[Logit(Math.Clamp(start.Decay / o.AdstockMax, 0.02, 0.98))]);
        net.HillSlopeRaw.fill_(k[Logit(slopeFraction)]);
        net.HillHalfRaw.fill_(k[Math.Log(start.Half)]);
        foreach (var p in new[] { net.RegionEffect, net.TrendSlope, net.GlobalTrendSlope, net.SeasonalAmplitude, net.GlobalSeasonalAmplitude, net.ControlCoeff, net.RegionControlCoeff })
            p.zero_();
        net.TrendDampingRaw.fill_(k[2.2]);
        net.Drift?.zero_();
        net.RegionDrift?.zero_();
        net.Values().Confounding?.zero_();
        if (net.ShapeCentre is { } centre)
        {
            using var priorCentres = ModulatedMmmNetwork.ShapePriorCentres(o);
            centre.copy_(priorCentres);
        }

        var cells = data.FitMask;
        var perRegion = cells.sum(1).clamp_min(k[1]);
        var hill = HillCurve.Apply(NormalisedAdstock.Apply(data.Inputs.Media, net.AdstockDecay()), net.HillSlope(), net.HillHalf());
        var meanHill = (hill * cells.unsqueeze(-1)).sum([0, 1]) / cells.sum().clamp_min(k[1]); // [C]
        var effect = (k[InitialShare] / meanHill.clamp_min(k[1e-3])).clamp_max(k[10]);
        net.EffectRaw.copy_(log(expm1(effect)));
        var y = target ?? data.Target;
        var regionMean = (y * cells).sum(1) / perRegion;
        var regionMedia = ((hill * effect.view(1, 1, -1)).sum(-1) * cells).sum(1) / perRegion;
        net.Baseline.copy_(regionMean - regionMedia);
        var residual = (y - regionMean.view(-1, 1)) * cells;
        net.NoiseVariance.copy_((residual.square().sum() / cells.sum().clamp_min(k[1])).clamp_min(k[1e-8]));
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
