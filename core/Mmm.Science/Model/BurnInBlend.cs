using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// For the first P weeks the coefficient is <c>lambda*stable + (1-lambda)*dynamic</c>, lambda falling from
/// 1 (exponential: exp(-3w/P); linear; sigmoid), so the GRU's cold start does not drive the fit.
/// </summary>
public static class BurnInBlend
{
    public static double StableWeight(int week, int burnIn, StabilizationMethod method) => method switch
    {
        StabilizationMethod.Exponential => (float)Math.Exp(-3.0 * week / burnIn),
        StabilizationMethod.Sigmoid => (float)(1.0 / (1.0 + Math.Exp((week - burnIn / 2.0) / (burnIn / 4.0)))),
        _ => 1.0 - (double)week / burnIn,
    };

    /// <param name="dynamic">[B,T,D]</param><param name="stable">[D]</param>
    public static Tensor Apply(Tensor dynamic, Tensor stable, int burnIn, StabilizationMethod method)
    {
        long b = dynamic.shape[0], t = dynamic.shape[1];
        if (t <= burnIn) return stable.view(1, 1, -1).expand(b, t, -1);
        if (burnIn <= 0) return dynamic;
        var weights = Enumerable.Range(0, burnIn).Select(w => StableWeight(w, burnIn, method)).ToArray();
        var stableWeight = tensor(weights.Select(w => (float)w).ToArray(), device: dynamic.device).view(1, -1, 1);
        var dynamicWeight = tensor(weights.Select(w => (float)(1.0 - w)).ToArray(), device: dynamic.device).view(1, -1, 1);
        var head = stableWeight * stable.view(1, 1, -1) + dynamicWeight * dynamic.narrow(1, 0, burnIn);
        return cat([head, dynamic.narrow(1, burnIn, t - burnIn)], 1);
    }
}
