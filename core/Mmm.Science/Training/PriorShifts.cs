using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// One ensemble member's draw of the prior centres (randomised MAP, docs/model.md §8): every Gaussian prior of the
/// structural objective is moved by a draw from itself, the lift tests' measurements by a draw of their own error, and
/// the member then minimises that shifted objective. For a linear-Gaussian model the minimisers of such shifted
/// objectives (with the data perturbed by their noise too) are exact posterior draws; for this model they follow the
/// posterior's curved ridges and several modes, which a normal at one mode cannot.
/// </summary>
public sealed class PriorShifts : IDisposable
{
    /// <summary>[(M,) 3, C] the shape priors' centres (logit decay fraction, log slope, log half point), added to the medians.</summary>
    public Tensor? Shapes { get; init; }
    /// <summary>[R, C] the centre of each region's effect log deviation.</summary>
    public Tensor? RegionEffect { get; init; }
    public Tensor? RegionControl { get; init; }
    public Tensor? RegionSeason { get; init; }
    public Tensor? RegionTrend { get; init; }
    /// <summary>[K] and [R, K] the centres of the baseline walks' steps; null without a time-varying baseline.</summary>
    public Tensor? DriftSteps { get; init; }
    public Tensor? RegionDriftSteps { get; init; }
    /// <summary>[(M,) C] the centre of the confounding terms' prior; null without lift tests.</summary>
    public Tensor? Confounding { get; init; }
    /// <summary>[E] each lift test's measurement moved by this many of its standard errors; null without tests.</summary>
    public Tensor? LiftErrors { get; init; }
    /// <summary>[P] each ROI prior's centre moved by this many of its sds; null without ROI priors.</summary>
    public Tensor? RoiErrors { get; init; }

    /// <summary>Draws every shift from its prior with <paramref name="generator"/> (on the host, then moved to the network's device).</summary>
    public static PriorShifts Draw(ModulatedMmmNetwork net, int liftTests, int roiPriors, Generator generator)
    {
        using var k = new KeptScalars();
        var o = net.Options;
        var device = net.EffectRaw.device;
        Tensor Normal(long[] shape, double sd) => (randn(shape, generator: generator) * k[sd]).to(device);
        long c = net.Channels, r = net.RegionCount;
        var shapes = cat([
            Normal([1, c], o.AdstockPriorSd), Normal([1, c], o.HillSlopePriorSd), Normal([1, c], o.HillHalfPriorSd)]);
        return new PriorShifts
        {
            Shapes = shapes,
            RegionEffect = Normal([r, c], o.RegionPoolingSd),
            RegionControl = Normal([r, net.ControlCount], o.ControlPoolingSd),
            RegionSeason = Normal(net.SeasonalAmplitude.shape, o.SeasonalPoolingSd),
            RegionTrend = Normal([r], o.TrendPoolingSd),
            DriftSteps = net.Drift is { } d ? Normal(d.shape, o.BaselineDriftSd) : null,
            RegionDriftSteps = net.RegionDrift is { } rd ? Normal(rd.shape, o.RegionDriftSd) : null,
            Confounding = net.Values().Confounding is { } kappa ? Normal(kappa.shape, o.LiftConfoundingSd) : null,
            LiftErrors = liftTests > 0 ? Normal([liftTests], 1) : null,
            RoiErrors = roiPriors > 0 ? Normal([roiPriors], 1) : null,
        };
    }

    /// <summary>Several members' shifts stacked along a leading member dimension, for a <see cref="StructuralBatch"/>.</summary>
    public static PriorShifts Stack(IReadOnlyList<PriorShifts> members)
    {
        Tensor? OfOptional(Func<PriorShifts, Tensor?> field) => field(members[0]) is null ? null : stack(members.Select(m => field(m)!).ToList());
        return new PriorShifts
        {
            Shapes = OfOptional(m => m.Shapes),
            RegionEffect = OfOptional(m => m.RegionEffect),
            RegionControl = OfOptional(m => m.RegionControl),
            RegionSeason = OfOptional(m => m.RegionSeason),
            RegionTrend = OfOptional(m => m.RegionTrend),
            DriftSteps = OfOptional(m => m.DriftSteps),
            RegionDriftSteps = OfOptional(m => m.RegionDriftSteps),
            Confounding = OfOptional(m => m.Confounding),
            LiftErrors = OfOptional(m => m.LiftErrors),
            RoiErrors = OfOptional(m => m.RoiErrors),
        };
    }

    /// <summary>No shift of any prior, only the lift tests' measurements moved by <paramref name="liftErrors"/> (the self-check's
    /// experiments measured again on its simulated panels).</summary>
    public static PriorShifts None(Tensor? liftErrors) => new() { LiftErrors = liftErrors };

    public void Dispose()
    {
        Shapes?.Dispose();
        RegionEffect?.Dispose();
        RegionControl?.Dispose();
        RegionSeason?.Dispose();
        RegionTrend?.Dispose();
        DriftSteps?.Dispose();
        RegionDriftSteps?.Dispose();
        Confounding?.Dispose();
        LiftErrors?.Dispose();
        RoiErrors?.Dispose();
    }
}
