using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// The structural model's parameters (docs/model.md §3) as plain tensors, each either as the network holds it
/// (<c>[C]</c>, <c>[R, C]</c>, ...) or with a leading member dimension (<c>[M, C]</c>, <c>[M, R, C]</c>, ...): the
/// posterior ensemble fits M members at once as one batch, which on a small panel costs about what one member does
/// (Adam is elementwise, so M stacked members trained on the sum of their objectives are M independent fits).
/// <see cref="Confounding"/>, present when the panel has lift tests: [C] per experimented channel, how much of the baseline
/// moves with the channel's response curve without being caused by it (docs/model.md §3).
/// </summary>
public sealed record StructuralValues(
    Tensor AdstockRaw,
    Tensor HillSlopeRaw,
    Tensor HillHalfRaw,
    Tensor EffectRaw,
    Tensor RegionEffect,
    Tensor Baseline,
    Tensor TrendSlope,
    Tensor GlobalTrendSlope,
    Tensor TrendDampingRaw,
    Tensor SeasonalAmplitude,
    Tensor GlobalSeasonalAmplitude,
    Tensor ControlCoeff,
    Tensor RegionControlCoeff,
    Tensor? Drift,
    Tensor? RegionDrift,
    Tensor? ShapeCentre,
    Tensor? Confounding = null)
{
    /// <summary>Every tensor, in a fixed order (the optional ones where present).</summary>
    public IEnumerable<Tensor> All() =>
        new[] { AdstockRaw, HillSlopeRaw, HillHalfRaw, EffectRaw, RegionEffect, Baseline, TrendSlope, GlobalTrendSlope, TrendDampingRaw,
            SeasonalAmplitude, GlobalSeasonalAmplitude, ControlCoeff, RegionControlCoeff, Drift, RegionDrift, ShapeCentre, Confounding }.OfType<Tensor>();

    /// <summary>A copy with each tensor transformed, in the order of <see cref="All"/> (e.g. stacked into M members).</summary>
    public StructuralValues Select(Func<Tensor, Tensor> map) => new(
        map(AdstockRaw), map(HillSlopeRaw), map(HillHalfRaw), map(EffectRaw), map(RegionEffect), map(Baseline), map(TrendSlope),
        map(GlobalTrendSlope), map(TrendDampingRaw), map(SeasonalAmplitude), map(GlobalSeasonalAmplitude), map(ControlCoeff),
        map(RegionControlCoeff), Drift is null ? null : map(Drift), RegionDrift is null ? null : map(RegionDrift),
        ShapeCentre is null ? null : map(ShapeCentre), Confounding is null ? null : map(Confounding));

    /// <summary>[.., C] the adstock decays: adstockMax * sigmoid(raw).</summary>
    public Tensor AdstockDecay(MmmOptions o)
    {
        using var k = new KeptScalars();
        return k[o.AdstockMax] * sigmoid(AdstockRaw);
    }

    /// <summary>[.., C] the Hill slopes, from hillSlopeMin to hillSlopeMax.</summary>
    public Tensor HillSlope(MmmOptions o)
    {
        using var k = new KeptScalars();
        return k[o.HillSlopeMin] + k[o.HillSlopeMax - o.HillSlopeMin] * sigmoid(HillSlopeRaw);
    }

    /// <summary>[.., C] the Hill half points, in mean adstocked spend.</summary>
    public Tensor HillHalf()
    {
        using var k = new KeptScalars();
        return exp(HillHalfRaw.clamp(k[-4], k[4]));
    }

    /// <summary>[.., R, C] each region's stable effect: the pooled effect times exp(its deviation).</summary>
    public Tensor Effect() => nn.functional.softplus(EffectRaw).unsqueeze(-2) * exp(RegionEffect);

    /// <summary>[.., R, K] each region's control coefficients: pooled plus the region's deviation.</summary>
    public Tensor ControlCoefficients() => ControlCoeff.unsqueeze(-2) + RegionControlCoeff;
}
