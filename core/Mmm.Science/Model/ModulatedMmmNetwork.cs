using Mmm.Science.Options;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// The default architecture (docs/model.md). Per region r, week t, channel c, in KPI units scaled by the
/// region's mean:
/// <code>
/// y = baseline_r + trend_r(t) + season_r(t) + sum_k gamma_rk z_rtk + sum_c beta_rc (1 + m_rtc) Hill_c(Adstock_c(x_rc))(t)
/// </code>
/// Carry-over (normalised geometric) and saturation (Hill) are shared by all regions; each channel has one
/// pooled effect <c>beta_c</c> with a penalised log deviation per region; <c>m</c> is the GRU's bounded
/// modulation, centred over each region's fitted weeks so that the stable effect alone sets a channel's
/// average, and penalised towards zero; it is trained after the structural part, which it leaves as it is
/// (<see cref="HoldStructure"/>). The structural architecture is the same model without the GRU
/// (m = 0). The channel graph (adj_logits) does not enter the KPI: contributions are direct effects, and
/// the graph is learned from the media themselves (the NOTEARS structure score).
/// </summary>
public sealed class ModulatedMmmNetwork : MmmNetwork
{
    public bool Modulated { get; }
    public int Hidden { get; }
    public int SeasonalFeatures { get; }
    public readonly GRU? Gru;
    public readonly Linear? ModulationHead;

    public Parameter AdstockRaw => P("adstock_raw");
    public Parameter HillSlopeRaw => P("hill_slope_raw");
    public Parameter HillHalfRaw => P("hill_half_raw");
    public Parameter EffectRaw => P("effect_raw");
    public Parameter RegionEffect => P("region_effect");
    public Parameter Baseline => P("baseline");
    public Parameter TrendSlope => P("trend_slope");
    public Parameter GlobalTrendSlope => P("global_trend_slope");
    public Parameter GlobalSeasonalAmplitude => P("global_seasonal_amplitude");
    public Parameter TrendDampingRaw => P("trend_damping_raw");
    public Parameter SeasonalAmplitude => P("seasonal_amplitude");
    public Parameter ControlCoeff => P("control_coeff");
    public Parameter RegionControlCoeff => P("region_control_coeff");
    /// <summary>The KPI noise variance (scaled units) the fit term divides by; set by the structural pre-fit, not trained.</summary>
    public Parameter NoiseVariance => P("noise_variance");
    public Parameter? H0 => get_parameter("h0");
    /// <summary>[3] the panel centres of the shape priors (logit decay fraction, log slope, log half point); only with shapePooling.</summary>
    public Parameter? ShapeCentre => get_parameter("shape_centre");
    /// <summary>[K] the pooled time-varying baseline at its knots (<see cref="BaselineDrift"/>); null without one.</summary>
    public Parameter? Drift => get_parameter("drift");
    /// <summary>[R,K] each region's deviation from <see cref="Drift"/> at the knots.</summary>
    public Parameter? RegionDrift => get_parameter("region_drift");

    /// <param name="experimented">The panel has lift tests: the network gets a confounding term per channel (<see cref="StructuralValues.Confounding"/>).</param>
    public ModulatedMmmNetwork(MmmOptions options, int channels, int controls, int regions, int seasonalFeatures, int driftKnots = 0, bool experimented = false)
        : base(nameof(ModulatedMmmNetwork), options, channels, controls, regions)
    {
        using var k = new KeptScalars();
        Modulated = options.Architecture == Architecture.Modulated;
        Hidden = options.Hidden;
        SeasonalFeatures = seasonalFeatures;

        Param("adstock_raw", zeros(channels));
        Param("hill_slope_raw", zeros(channels));
        Param("hill_half_raw", zeros(channels));
        Param("effect_raw", zeros(channels));
        Param("region_effect", zeros(regions, channels));
        Param("baseline", ones(regions));
        Param("trend_slope", zeros(regions));
        Param("trend_damping_raw", tensor(2.2f)); // sigmoid(2.2) ~ 0.9
        Param("seasonal_amplitude", zeros(regions, seasonalFeatures));
        Param("global_trend_slope", zeros(1));
        Param("global_seasonal_amplitude", zeros(seasonalFeatures));
        Param("control_coeff", zeros(controls));
        Param("region_control_coeff", zeros(regions, controls));
        Param("adj_logits", randn(channels, channels) * k[0.3] - k[0.1]);
        if (options.ShapePooling > 0)
            Param("shape_centre", ShapePriorCentres(options));
        if (experimented && options.LiftConfoundingSd > 0)
            Param("confounding", zeros(channels));
        if (driftKnots > 0)
        {
            Param("drift", zeros(driftKnots));
            Param("region_drift", zeros(regions, driftKnots));
        }
        register_parameter("noise_variance", new Parameter(tensor(0.01f), requires_grad: false));
        register_buffer("dag_mask", ChannelDag.Mask(channels, options.DagMode), persistent: false);
        if (!Modulated) return;

        Param("h0", randn(1, 1, Hidden) * k[0.01]);
        Gru = nn.GRU(channels + controls, Hidden, numLayers: 1, batchFirst: true);
        register_module("gru", Gru);
        ModulationHead = nn.Linear(Hidden, channels);
        using (no_grad())
        {
            // Starts at m = 0: the structural pre-fit's model, which the GRU then modulates.
            nn.init.zeros_(ModulationHead.weight!);
            nn.init.zeros_(ModulationHead.bias!);
        }
        register_module("modulation_head", ModulationHead);
    }

    /// <summary>The structural parameters as they are now (<see cref="StructuralValues"/>), for the forward pass and the priors.</summary>
    public StructuralValues Values() => new(AdstockRaw, HillSlopeRaw, HillHalfRaw, EffectRaw, RegionEffect, Baseline, TrendSlope, GlobalTrendSlope,
        TrendDampingRaw, SeasonalAmplitude, GlobalSeasonalAmplitude, ControlCoeff, RegionControlCoeff, Drift, RegionDrift, ShapeCentre,
        get_parameter("confounding"));

    public Tensor AdstockDecay() => Values().AdstockDecay(Options);
    public Tensor HillSlope() => Values().HillSlope(Options);
    public Tensor HillHalf() => Values().HillHalf();
    /// <summary>The shape priors' medians on the scale the priors use: logit of the decay's fraction of its ceiling, log slope,
    /// log half point (the order of shape_centre).</summary>
    public static double[] ShapePriorMedians(MmmOptions o) =>
        [Math.Log(o.AdstockPrior / (o.AdstockMax - o.AdstockPrior)), Math.Log(o.HillSlopePrior), Math.Log(o.HillHalfPrior)];
    /// <summary>[3] <see cref="ShapePriorMedians"/> as a tensor: where shape_centre starts.</summary>
    public static Tensor ShapePriorCentres(MmmOptions o) => tensor(ShapePriorMedians(o).Select(m => (float)m).ToArray());
    public override (Tensor Decay, Tensor Slope, Tensor Half) ResponseShapes() => (AdstockDecay(), HillSlope(), HillHalf());

    /// <summary>
    /// Fixes or frees the structural part. Its parameters are estimated by the structural pre-fit and then held:
    /// the main loop trains only the GRU modulation and the channel graph, so the modulation cannot move credit
    /// into a channel (a zero-effect channel kept alive as a carrier of the GRU's weekly variation) or out of the
    /// baseline; being centred, it leaves each channel's average contribution where the pre-fit put it.
    /// </summary>
    public void HoldStructure(bool hold)
    {
        foreach (var p in StructuralParameters()) p.requires_grad = !hold;
    }

    /// <summary>Parameters of the structural part: everything but the GRU, its head, the graph and the noise variance.</summary>
    public IReadOnlyList<Parameter> StructuralParameters() => NamedStructuralParameters().Select(p => p.Parameter).ToList();

    /// <summary><see cref="StructuralParameters"/> with their names, in the same order.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedStructuralParameters() => named_parameters()
        .Where(p => p.name is not ("adj_logits" or "noise_variance" or "h0") && !p.name.StartsWith("gru.") && !p.name.StartsWith("modulation_head."))
        .Select(p => (p.name, p.parameter)).ToList();

    /// <summary>The structural parameters with one row per region that only that region's cells see (the rest are shared).</summary>
    public static readonly IReadOnlySet<string> PerRegionParameterNames =
        new HashSet<string>(["region_effect", "baseline", "trend_slope", "seasonal_amplitude", "region_control_coeff", "region_drift"], StringComparer.Ordinal);

    public override ModulatedOutputs Forward(ModelInputs inputs, Tensor? dropoutMask) => Forward(inputs, withModulation: Modulated);

    /// <param name="withModulation">false: the structural model alone (m = 0, the GRU is not run), as in the pre-fit.</param>
    public ModulatedOutputs Forward(ModelInputs inputs, bool withModulation)
    {
        using var k = new KeptScalars();
        long b = inputs.Regions, t = inputs.Periods;
        var device = inputs.Media.device;
        var values = Values();
        var (adstock, hill) = StructuralModel.Response(values, inputs.Media, Options);
        Tensor? modulation = null;
        if (withModulation && Modulated)
        {
            var h0 = H0!.expand(1, b, Hidden).contiguous();
            var (sequence, last) = Gru!.forward(cat([hill, inputs.Controls], -1), h0);
            last.Dispose();
            var raw = k[Options.ModulationBound] * tanh(ModulationHead!.forward(sequence));
            modulation = Centre(raw, inputs.FitCells);
        }
        var parts = StructuralModel.Compose(values, inputs, Options, hill, modulation);
        return new ModulatedOutputs
        {
            Prediction = parts.Prediction,
            RawPrediction = parts.Prediction,
            PredictionScale = ones(1, device: device),
            MediaContributions = parts.MediaContributions,
            ControlContributions = parts.ControlContributions,
            Baseline = parts.Baseline,
            Seasonal = parts.Seasonal,
            Trend = parts.Trend,
            MediaCoefficients = parts.MediaCoefficients,
            ControlCoefficients = parts.ControlCoefficients,
            MediaAdstock = adstock,
            MediaHill = hill,
            Modulation = modulation ?? zeros(b, t, Channels, device: device),
        };
    }

    /// <summary>Removes each (region, channel)'s mean modulation over its fitted weeks (all weeks when no mask is given).</summary>
    private static Tensor Centre(Tensor modulation, Tensor? cells)
    {
        using var k = new KeptScalars();
        if (cells is null) return modulation - modulation.mean([1], keepdim: true);
        var w = cells.unsqueeze(-1);
        var mean = (modulation * w).sum([1], keepdim: true) / w.sum([1], keepdim: true).clamp_min(k[1]);
        return modulation - mean;
    }
}
