using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// Initialisation from data before training (docs/model.md §4), in the reference's order: baseline,
/// stable coefficients by ridge regression, Hill half-saturation from the 60th percentile.
/// <c>cells</c> [R,T] marks the cells the statistics use (the reference: every week after the padding).
/// </summary>
public static class DataDrivenInit
{
    public const double RidgeLambda = 0.01;
    public const int MinNonTrivialValues = 10;

    public static void Baseline(CausalMmmNetwork net, Tensor y, Tensor cells)
    {
        using var k = new KeptScalars();
        using var _ = no_grad();
        var counts = cells.sum(1);
        var means = where(counts > k[0], (y * cells).sum(1) / counts.clamp_min(k[1]), ones_like(counts));
        net.GlobalBias.zero_();
        net.RegionBaseline.copy_(means);
        net.PredictionScaleRaw.zero_();
    }

    public static void StableCoefficients(CausalMmmNetwork net, Tensor media, Tensor controls, Tensor y, Tensor cells)
    {
        using var _ = no_grad();
        var keep = cells.flatten().to(ScalarType.Bool);
        var yFlat = y.flatten().index(keep);
        var xm = media.reshape(-1, media.shape[2]).index(keep);
        var beta = Ridge(xm, yFlat);
        net.StableMediaCoeff.copy_(sigmoid(beta.abs()) * (yFlat.std() / xm.std()));
        if (controls.shape[2] == 0) return;
        var xc = controls.reshape(-1, controls.shape[2]).index(keep);
        var betaControls = Ridge(xc, yFlat);
        net.StableCtrlCoeff.copy_(betaControls * (yFlat.std() / xc.std()) * exp(net.StableCoeffScaleRaw));
    }

    /// <summary>Solves (XᵀX + λI) β = Xᵀy.</summary>
    private static Tensor Ridge(Tensor x, Tensor y)
    {
        using var k = new KeptScalars();
        var gram = x.t().mm(x) + k[RidgeLambda] * eye(x.shape[1], dtype: x.dtype, device: x.device);
        return linalg.solve(gram, x.t().mv(y));
    }

    /// <summary>
    /// hill_g from the 60th percentile of each channel's values above 1e-4 (channels with at most 10 such
    /// values keep their default), clamped to [0.05, 0.9]. The reference maps g &lt;= 0.5 through a logit
    /// by mistake; the fix uses the inverse softplus throughout.
    /// </summary>
    public static void HillHalfSaturation(CausalMmmNetwork net, Tensor media, Tensor cells, bool referenceLogit)
    {
        using var k = new KeptScalars();
        using var _ = no_grad();
        var keep = cells.flatten().to(ScalarType.Bool);
        var flat = media.reshape(-1, media.shape[2]).index(keep);
        for (int c = 0; c < media.shape[2]; c++)
        {
            var column = flat.select(1, c);
            var nonTrivial = column.index(column > k[1e-4]);
            if (nonTrivial.numel() <= MinNonTrivialValues) continue;
            double p60 = quantile(nonTrivial, tensor(0.6, dtype: nonTrivial.dtype)).item<float>();
            double g = Math.Clamp(p60, 0.05, 0.9);
            double raw = g > 0.5 || !referenceLogit ? Math.Log(Math.Exp(g) - 1.0) : Math.Log(g / (1.0 - g + 1e-8));
            using var value = tensor((float)raw);
            net.HillG[c] = value;
        }
    }
}
