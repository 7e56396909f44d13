using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The self-check's refits (run config <c>selfCheck</c>, docs/model.md §9): panels simulated from the fitted model, so their
/// truth is known, refitted by the product's own procedure. Each panel is the structural fit's prediction plus the fit's
/// residuals block-bootstrapped within each region (their autocorrelation and each region's noise carry over), with the
/// lift tests measured again on it (the fit's lift plus a draw of the test's error); media, controls and calendar are the
/// user's own. The refit starts from the pre-fit's initialisation, not from the fit, so it can land elsewhere exactly as
/// the run could. Independent of each other, so the pipeline runs them as parallel activities.
/// </summary>
internal static class SelfCheckRefits
{
    public const int Kind = 2;

    /// <returns>Each refit's [split * C] structural contributions per split in KPI units; a refit's draws depend only on its index.</returns>
    public static IReadOnlyList<double[]> Run(ModulatedMmmNetwork net, TrainingTensors data, Tensor splitWeights, int first, int count)
    {
        var o = net.Options;
        using var scope = NewDisposeScope();
        var (prediction, residuals, cells, regions, periods) = StructuralRefit.Residuals(net, data);
        var fitted = tensor(prediction, data.Target.shape).to(data.Target.device);
        Tensor? liftGap = null;
        if (data.Lift is { } lift)
            using (no_grad())
                liftGap = (lift.StandardisedLifts(net.Forward(data.Inputs, withModulation: false).MediaContributions) - lift.Measured).detach();
        var targets = new List<Tensor?>();
        var liftErrors = new List<Tensor>();
        foreach (int refit in Enumerable.Range(first, count))
        {
            int seed = StructuralRefit.Seed(o.Seed, Kind, refit);
            var noise = ResidualBootstrap.Draw(residuals, cells, regions, periods, new Random(seed), signs: false);
            targets.Add(fitted + tensor(noise, data.Target.shape).to(data.Target.device));
            if (liftGap is not null)
            {
                using var generator = new Generator((ulong)seed);
                liftErrors.Add(liftGap + randn(liftGap.shape, generator: generator).to(liftGap.device));
            }
        }
        using var batch = StructuralPrefit.Start(net, data, targets);
        using var shifts = PriorShifts.None(liftErrors.Count > 0 ? stack(liftErrors) : null);
        batch.Fit(data, o, stack(targets.Select(t => t!).ToList()), shifts, o.StructuralEpochs, o.StructuralLearningRate, reestimateNoise: true,
            o.StructuralShrinkageFrom);
        return batch.Totals(data, o, splitWeights);
    }
}
