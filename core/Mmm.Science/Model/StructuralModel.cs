using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// The structural model's forward pass (docs/model.md §3), for the network's own parameters or for M ensemble members
/// at once (<see cref="StructuralValues"/> with a leading member dimension; every result then has it too). One
/// implementation, so the members are exactly the model the run fits.
/// </summary>
public static class StructuralModel
{
    /// <summary>The structural forward's parts in scaled KPI units, [(M,) R, T(, C|K)].</summary>
    /// <param name="Baseline">Level, the time-varying part and the non-negativity floor's correction: with Trend and Seasonal it
    /// sums to the floored baseline.</param>
    public sealed record Parts(Tensor MediaCoefficients, Tensor MediaContributions, Tensor ControlCoefficients, Tensor ControlContributions,
        Tensor Baseline, Tensor Seasonal, Tensor Trend, Tensor Prediction);

    /// <summary>[(M,) R, T, C] the adstocked media and their Hill response.</summary>
    public static (Tensor Adstock, Tensor Hill) Response(StructuralValues v, Tensor media, MmmOptions o)
    {
        var adstock = NormalisedAdstock.Apply(media, v.AdstockDecay(o));
        return (adstock, HillCurve.Apply(adstock, v.HillSlope(o), v.HillHalf()));
    }

    /// <param name="hill">[(M,) R, T, C] from <see cref="Response"/>.</param>
    /// <param name="modulation">[R, T, C] the GRU's centred modulation of the effects, or null (the structural model).</param>
    public static Parts Compose(StructuralValues v, ModelInputs inputs, MmmOptions o, Tensor hill, Tensor? modulation)
    {
        using var k = new KeptScalars();
        long t = inputs.Periods;
        var stable = Over(v.Effect(), t);
        var mediaCoef = modulation is null ? stable : stable * (k[1] + modulation);
        var mediaContrib = mediaCoef * hill;

        var ctrlCoef = Over(v.ControlCoefficients(), t);
        var ctrlContrib = inputs.Controls * ctrlCoef;
        // Per region: a pooled season and trend plus the region's (penalised) deviation from them.
        var seasonal = matmul(v.GlobalSeasonalAmplitude.unsqueeze(-2) + v.SeasonalAmplitude, inputs.Seasonal.t());
        var trend = o.Trend == TrendMode.None
            ? zeros_like(seasonal)
            : (v.GlobalTrendSlope + v.TrendSlope).unsqueeze(-1) * DampedTrend.Time(inputs.TrendTime, sigmoid(v.TrendDampingRaw).unsqueeze(-1)).unsqueeze(-2);
        var level = v.Baseline.unsqueeze(-1).expand(seasonal.shape);
        if (v.Drift is { } drift && inputs.DriftBasis is { } basis)
            level = level + BaselineDrift.Apply(basis, drift, v.RegionDrift!);
        if (v.Confounding is { } confounding && inputs.Experimented is { } experimented)
            // What moves with an experimented channel's curve beyond what the experiment says the channel causes: demand that
            // also drives its spend. The panel sees only the sum of this and the effect; the experiment splits them.
            level = level + (hill * (confounding * experimented).unsqueeze(-2).unsqueeze(-2)).sum(-1);
        // The whole baseline is floored at zero, so media cannot take more than the KPI by pushing it below; the floor's
        // correction (0 wherever the baseline is clearly positive) belongs to the baseline component, so the parts still sum.
        var floored = nn.functional.softplus((level + trend + seasonal) * k[BaselineFloorSharpness]) / k[BaselineFloorSharpness];
        var prediction = mediaContrib.sum(-1) + ctrlContrib.sum(-1) + floored;
        return new Parts(mediaCoef, mediaContrib, ctrlCoef, ctrlContrib, floored - trend - seasonal, seasonal, trend, prediction);
    }

    /// <summary>
    /// Sharpness κ of the floor that keeps the baseline (level + drift + trend + season) non-negative: softplus(κ a) / κ,
    /// which equals a to within 1e-4 of the region's mean KPI wherever a is above a third of it, and tends to 0 below zero.
    /// </summary>
    public const double BaselineFloorSharpness = 20;

    /// <summary>[.., R, X] repeated over T periods: [.., R, T, X].</summary>
    private static Tensor Over(Tensor perRegion, long periods)
    {
        var shape = perRegion.shape.ToList();
        shape.Insert(shape.Count - 1, periods);
        return perRegion.unsqueeze(-2).expand(shape.ToArray());
    }
}
