using Mmm.Science.Model;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The curvature of the structural fit's penalised likelihood (½ SSE / σ² + priors + the calibration terms, without the
/// effect shrinkage) in its pooled parameters (response curves, pooled effects, pooled season, trend, controls and
/// baseline walk), the regional ones held at the fit. Positive definite: the fit is a proper mode; its condition number
/// says how unevenly the data pin those directions, and the flattest direction's largest entry names the parameter the
/// data say least about. Cheap: one Hessian-vector product per pooled parameter (tens, whatever the number of regions).
/// </summary>
internal static class CurvatureCheck
{
    public static Curvature Compute(ModulatedMmmNetwork net, TrainingTensors data, IReadOnlyList<string> channels)
    {
        // The trend's damping acts only beyond the training weeks, which the objective does not see.
        var named = net.NamedStructuralParameters()
            .Where(p => !ModulatedMmmNetwork.PerRegionParameterNames.Contains(p.Name) && p.Name != "trend_damping_raw").ToList();
        var parameters = named.Select(p => p.Parameter).ToList();
        var trainable = net.parameters().Select(p => p.requires_grad).ToList();
        try
        {
            using var full = Hessian.Of(() => Objective(net, data), parameters);
            using var scope = NewDisposeScope();
            var entries = named.SelectMany(p => Enumerable.Range(0, (int)p.Parameter.numel()).Select(i => (p.Name, Index: i, Size: (int)p.Parameter.numel()))).ToList();
            var absent = Absent(net, data, channels.Count);
            // A channel the shrinkage set to zero sits on the boundary of its effect, where the likelihood is flat in its curve;
            // a confounding term without an experiment is seen by its prior alone. Neither is a direction the data should pin.
            var kept = entries.Select((e, i) => (e, i)).Where(x => !(x.e.Size == channels.Count && (
                (x.e.Name is "adstock_raw" or "hill_slope_raw" or "hill_half_raw" or "effect_raw" && absent[x.e.Index]) || x.e.Name == "confounding")))
                .Select(x => x.i).ToArray();
            using var index = tensor(kept.Select(i => (long)i).ToArray());
            var hessian = full.index_select(0, index).index_select(1, index);
            var (values, vectors) = linalg.eigh(hessian);
            var eigen = values.data<double>().ToArray();
            double smallest = eigen.Min(), largest = eigen.Max(Math.Abs);
            int weakest = (int)vectors[TensorIndex.Colon, Array.IndexOf(eigen, smallest)].abs().argmax().item<long>();
            var (name, entry, size) = entries[kept[weakest]];
            return new Curvature(eigen.Length, smallest > Flat * largest, smallest > 0 ? largest / smallest : double.PositiveInfinity, smallest / largest,
                Describe(channels, name, entry, size));
        }
        finally
        {
            foreach (var (p, t) in net.parameters().Zip(trainable)) p.requires_grad = t;
        }
    }

    /// <summary>Below this fraction of the largest eigenvalue a direction counts as flat.</summary>
    public const double Flat = 1e-10;

    /// <summary>[C] whether each channel's mean contribution is below the posterior ensemble's revival share (shrunk to zero).</summary>
    private static bool[] Absent(ModulatedMmmNetwork net, TrainingTensors data, int channels)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var mean = HostArray.Of(ModulatedLoss.MeanContributions(net.Forward(data.Inputs, withModulation: false), data.FitMask));
        return Enumerable.Range(0, channels).Select(c => mean[c] < PosteriorEnsemble.ReviveShare).ToArray();
    }

    private static Tensor Objective(ModulatedMmmNetwork net, TrainingTensors data)
    {
        using var k = new KeptScalars();
        var outputs = net.Forward(data.Inputs, withModulation: false);
        var terms = ModulatedLoss.Compute(net, outputs, data.Target, data.FitMask, NotearsState.Initial(0, 0), data.Inputs.Media, null,
            structuralOnly: true, withShrinkage: false, lift: data.Lift, roi: data.Roi);
        return terms.Total * data.FitMask.sum().clamp_min(k[1]); // the objective is per fitted cell
    }

    /// <summary>A pooled parameter's entry for a reader: the channel's for per-channel parameters.</summary>
    private static string Describe(IReadOnlyList<string> channels, string name, int index, int size) =>
        size == channels.Count && name is "adstock_raw" or "hill_slope_raw" or "hill_half_raw" or "effect_raw"
            ? $"{name.Replace("_raw", "")} of {channels[index]}"
            : size == 1 ? name : $"{name}[{index}]";
}
