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
    private const int NoiseUpdateEvery = 100;

    public static double Run(ModulatedMmmNetwork net, TrainingTensors data, MmmOptions o, ILogger logger)
    {
        net.HoldStructure(false);
        var parameters = net.StructuralParameters();
        double bestScore = double.PositiveInfinity, bestFit = 0;
        List<Tensor>? best = null;
        for (int restart = 0; restart < o.StructuralRestarts; restart++)
        {
            var start = Starts[restart % Starts.Length];
            Initialise(net, data, start);
            var (score, fit) = Optimise(net, data, o, parameters);
            logger.LogInformation("Structural pre-fit {Restart}/{Restarts} from decay {Decay}, slope {Slope}, half {Half}: fit {Fit:E3}, score {Score:F2}",
                restart + 1, o.StructuralRestarts, start.Decay, start.Slope, start.Half, fit, score);
            if (score < bestScore)
            {
                bestScore = score;
                bestFit = fit;
                best?.ForEach(t => t.Dispose());
                best = net.parameters().Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
            }
        }
        using (no_grad())
            foreach (var (p, saved) in net.parameters().Zip(best!)) p.copy_(saved);
        best!.ForEach(t => t.Dispose());
        return bestFit;
    }

    /// <summary>One restart: its profile-likelihood score and fit (MSE); the fitted model is left in <paramref name="net"/>.</summary>
    private static (double Score, double Fit) Optimise(ModulatedMmmNetwork net, TrainingTensors data, MmmOptions o, IReadOnlyList<TorchSharp.Modules.Parameter> parameters)
    {
        using var k = new KeptScalars();
        using var optimizer = TorchSharp.torch.optim.Adam(parameters, o.StructuralLearningRate);
        for (int e = 0; e < o.StructuralEpochs; e++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var terms = Loss(net, data, withShrinkage: e >= o.StructuralShrinkageFrom * o.StructuralEpochs);
            terms.Total.backward();
            optimizer.step();
            LossGuard.Check(terms, e + 1, LossGuard.WarmStart, "structuralLearningRate");
            if ((e + 1) % NoiseUpdateEvery == 0)
                using (no_grad()) net.NoiseVariance.copy_(terms.Fit.detach().clamp_min(k[1e-8]));
        }
        using var _ = no_grad();
        using var final = NewDisposeScope();
        var last = Loss(net, data);
        net.NoiseVariance.copy_(last.Fit.clamp_min(k[1e-8]));
        double fit = last.Fit.item<float>(), cells = data.FitMask.sum().item<float>();
        double calibration = last.Calibration?.item<float>() ?? 0;
        return (0.5 * cells * Math.Log(Math.Max(fit, 1e-12)) + last.Priors!.item<float>() + calibration, fit);
    }

    private static LossTerms Loss(ModulatedMmmNetwork net, TrainingTensors data, bool withShrinkage = true)
    {
        var outputs = net.Forward(data.Inputs, withModulation: false);
        return ModulatedLoss.Compute(net, outputs, data.Target, data.FitMask, NotearsState.Initial(0, 0), data.Inputs.Media, null, structuralOnly: true,
            withShrinkage: withShrinkage, lift: data.Lift);
    }

    /// <summary>Sets the response curves to <paramref name="start"/>, every channel to a small equal share, the rest to the region means.</summary>
    private static void Initialise(ModulatedMmmNetwork net, TrainingTensors data, (double Decay, double Slope, double Half) start)
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
        var regionMean = (data.Target * cells).sum(1) / perRegion;
        var regionMedia = ((hill * effect.view(1, 1, -1)).sum(-1) * cells).sum(1) / perRegion;
        net.Baseline.copy_(regionMean - regionMedia);
        var residual = (data.Target - regionMean.view(-1, 1)) * cells;
        net.NoiseVariance.copy_((residual.square().sum() / cells.sum().clamp_min(k[1])).clamp_min(k[1e-8]));
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
