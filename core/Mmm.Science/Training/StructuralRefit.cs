using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// What the refits of the fitted structural model share (the posterior ensemble's members, the self-check's refits): they
/// perturb the session's network and must leave it as they found it, and they report each channel's contribution per
/// split in KPI units.
/// </summary>
internal static class StructuralRefit
{
    /// <summary>Runs <paramref name="refit"/> on <paramref name="net"/>, its structure free to move (the main loop holds it),
    /// and then puts every parameter (σ² included) and its hold back.</summary>
    public static T Restoring<T>(ModulatedMmmNetwork net, Func<T> refit)
    {
        var parameters = net.parameters().ToList();
        var saved = parameters.Select(p => p.detach().clone()).ToList();
        var trainable = parameters.Select(p => p.requires_grad).ToList();
        try
        {
            net.HoldStructure(false);
            return refit();
        }
        finally
        {
            using (no_grad())
                foreach (var (p, s) in parameters.Zip(saved)) p.copy_(s);
            foreach (var (p, t) in parameters.Zip(trainable)) p.requires_grad = t;
            saved.ForEach(s => s.Dispose());
        }
    }

    /// <summary>[split * C] each channel's structural contribution (no modulation) summed over each split, in KPI units.</summary>
    /// <param name="splitWeights">[S, R*T] per split and cell, the cell's KPI divisor where it is a present row of the split, else 0.</param>
    public static double[] Totals(ModulatedMmmNetwork net, TrainingTensors data, Tensor splitWeights)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var media = net.Forward(data.Inputs, withModulation: false).MediaContributions;
        return matmul(splitWeights, media.reshape(splitWeights.shape[1], -1)).to(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    /// <summary>The structural fit's prediction and residuals (scaled KPI, [R*T], residuals 0 outside the fitted cells) and the fitted cells.</summary>
    public static (float[] Prediction, float[] Residuals, float[] Cells, int Regions, int Periods) Residuals(ModulatedMmmNetwork net, TrainingTensors data)
    {
        var prediction = Prediction(net, data);
        var y = HostArray.Of(data.Target);
        var cells = HostArray.Of(data.FitMask);
        var residuals = y.Select((v, i) => cells[i] > 0 ? v - prediction[i] : 0f).ToArray();
        return (prediction, residuals, cells, (int)data.Target.shape[0], (int)data.Target.shape[1]);
    }

    /// <summary>[R*T] the structural model's prediction (scaled KPI).</summary>
    public static float[] Prediction(ModulatedMmmNetwork net, TrainingTensors data)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return HostArray.Of(net.Forward(data.Inputs, withModulation: false).Prediction);
    }

    /// <summary>A refit's seed: the run's seed and the refit's index, so every refit draws its own and the same ones again.</summary>
    /// (SplitMix64 of the three: HashCode.Combine is randomised per process, so runs would not repeat.)
    public static int Seed(long runSeed, int kind, int index)
    {
        ulong z = unchecked((ulong)runSeed * 0x9E3779B97F4A7C15UL + (ulong)kind * 0xBF58476D1CE4E5B9UL + (ulong)index * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
