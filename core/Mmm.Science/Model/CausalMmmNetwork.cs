using Mmm.Science.Options;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// The reference architecture, DeepCausalMMM's network (docs/model.md §3): adstock -> Hill -> DAG interaction, a GRU over media and
/// control features producing bounded time-varying coefficients, plus baseline, seasonality and trend.
/// Parameter names and registration order follow the reference's PyTorch state_dict, so golden
/// vectors load by name. Four reference parameters (coeff_range_raw, ctrl_coeff_range_raw,
/// stable_coeff_scale_raw, region_baseline_scale_raw) take no part in the forward pass; they are kept
/// because the reference regularises them and uses stable_coeff_scale_raw during initialisation.
/// </summary>
public sealed class CausalMmmNetwork : MmmNetwork
{
    public int Hidden { get; }
    /// <summary>Fourier features per period for calendar seasonality (0 in reference mode).</summary>
    public int SeasonalFeatures { get; }

    // Looked up by name on every use: Module.to(device) replaces the registered tensors.
    public Parameter Alpha => P("alpha");
    public Parameter HillA => P("hill_a");
    public Parameter HillG => P("hill_g");
    public Parameter InteractionWeight => P("interaction_weight");
    public Parameter RegionBaseline => P("region_baseline");
    public Parameter GlobalBias => P("global_bias");
    public Parameter PredictionScaleRaw => P("prediction_scale");
    public Parameter SeasonalCoeff => P("seasonal_coeff");
    public Parameter StableCoeffScaleRaw => P("stable_coeff_scale_raw");
    public Parameter MediaCoeffMaxRaw => P("media_coeff_max_raw");
    public Parameter CtrlCoeffMaxRaw => P("ctrl_coeff_max_raw");
    public Parameter H0 => P("h0");
    public Parameter StableMediaCoeff => P("stable_media_coeff");
    public Parameter StableCtrlCoeff => P("stable_ctrl_coeff");
    public Parameter? SeasonalAmplitude => get_parameter("seasonal_amplitude");
    public Parameter? TrendSlope => get_parameter("trend_slope");
    public Parameter? TrendDampingRaw => get_parameter("trend_damping_raw");
    public readonly Sequential CtrlMlp, CoeffGen, CtrlCoeffGen;
    public readonly GRU Gru;

    public CausalMmmNetwork(MmmOptions options, int channels, int controls, int regions, int seasonalFeatures)
        : base(nameof(CausalMmmNetwork), options, channels, controls, regions)
    {
        using var k = new KeptScalars();
        Hidden = options.Hidden;
        SeasonalFeatures = options.Seasonality == SeasonalityMode.Calendar ? seasonalFeatures : 0;
        int h = Hidden, half = options.ControlHidden;

        Param("alpha", ones(channels) * k[0.8]);
        Param("hill_a", ones(channels) * k[2.5]);
        Param("hill_g", rand(channels) * k[0.2] + k[0.1]);
        Param("adj_logits", randn(channels, channels) * k[0.3] - k[0.1]);
        Param("interaction_weight", ones(channels) * k[-1.4]);
        Param("region_baseline", randn(regions) * k[0.1]);
        Param("global_bias", zeros(1));
        Param("prediction_scale", ones(1));
        Param("seasonal_coeff", ones(1));
        Param("coeff_range_raw", tensor(0f));
        Param("ctrl_coeff_range_raw", tensor(0f));
        Param("stable_coeff_scale_raw", tensor(-2.3f));
        Param("region_baseline_scale_raw", tensor(-2.3f));
        Param("media_coeff_max_raw", ones(channels));
        Param("ctrl_coeff_max_raw", ones(controls) * k[1.5]);
        Param("h0", randn(1, 1, h) * k[0.01]);
        Param("stable_media_coeff", zeros(channels));
        Param("stable_ctrl_coeff", zeros(controls));

        // No controls (K = 0): LibTorch cannot initialise a Linear with 0 inputs (its init bound is
        // 1/sqrt(fan_in)), so the control MLP is left empty and Forward feeds zero control features.
        CtrlMlp = controls > 0 ? nn.Sequential(("0", nn.Linear(controls, half))) : nn.Sequential();
        register_module("ctrl_mlp", CtrlMlp);
        Gru = nn.GRU(channels + half, h, numLayers: 1, batchFirst: true);
        register_module("gru", Gru);
        CoeffGen = CoefficientMlp(h, channels);
        register_module("coeff_gen", CoeffGen);
        CtrlCoeffGen = CoefficientMlp(h, controls);
        register_module("ctrl_coeff_gen", CtrlCoeffGen);

        if (SeasonalFeatures > 0)
            Param("seasonal_amplitude", zeros(regions, SeasonalFeatures));
        if (options.Trend == TrendMode.Damped)
        {
            Param("trend_slope", zeros(regions));
            Param("trend_damping_raw", tensor(2.2f)); // sigmoid(2.2) ~ 0.9
        }
        register_buffer("dag_mask", ChannelDag.Mask(channels, options.DagMode), persistent: false);
    }

    private static Sequential CoefficientMlp(int hidden, int outputs)
    {
        var layers = new[] { nn.Linear(hidden, hidden), nn.Linear(hidden, hidden / 2), nn.Linear(hidden / 2, outputs) };
        using (no_grad())
            foreach (var layer in layers)
            {
                nn.init.xavier_uniform_(layer.weight!, gain: 0.1);
                nn.init.zeros_(layer.bias!);
            }
        return nn.Sequential(("0", layers[0]), ("1", nn.ReLU()), ("2", layers[1]), ("3", nn.ReLU()), ("4", layers[2]));
    }

    public Tensor AdstockDecay()
    {
        using var k = new KeptScalars();
        return sigmoid(Alpha).clamp(k[0], k[0.8]);
    }
    public Tensor PredictionScale() => nn.functional.softplus(PredictionScaleRaw);
    public override (Tensor Decay, Tensor Slope, Tensor Half) ResponseShapes() =>
        (AdstockDecay(), HillSaturation.Slope(HillA), HillSaturation.HalfSaturation(HillG));

    /// <param name="dropoutMask">Scaled keep-mask [R,T,H/2] for the control features in training, or null.</param>
    public override ReferenceOutputs Forward(ModelInputs inputs, Tensor? dropoutMask)
    {
        using var k = new KeptScalars();
        long b = inputs.Regions, t = inputs.Periods;
        var adstock = GeometricAdstock.Apply(inputs.Media, AdstockDecay());
        var hill = HillSaturation.Apply(adstock, HillA, HillG);
        var mediaDag = ChannelDag.Interact(hill, Adjacency(), InteractionWeight);

        var ctrlFeatures = ControlCount > 0
            ? tanh(CtrlMlp.forward(inputs.Controls))
            : zeros(b, t, Options.ControlHidden, device: inputs.Media.device); // no controls: see the constructor
        if (dropoutMask is not null) ctrlFeatures = ctrlFeatures * dropoutMask;

        var h0 = H0.expand(1, b, Hidden).contiguous();
        var (states, lastState) = Gru.forward(cat([mediaDag, ctrlFeatures], -1), h0);
        lastState.Dispose();

        var mediaRaw = CoeffGen.forward(states);
        var mediaDynamic = sigmoid(mediaRaw) * (nn.functional.softplus(MediaCoeffMaxRaw) + k[0.1]).view(1, 1, -1);
        var ctrlRaw = CtrlCoeffGen.forward(states);
        var ctrlDynamic = tanh(ctrlRaw) * (nn.functional.softplus(CtrlCoeffMaxRaw) + k[0.1]).view(1, 1, -1);
        var mediaCoef = BurnInBlend.Apply(mediaDynamic, StableMediaCoeff, Options.BurnInWeeks, Options.StabilizationMethod);
        var ctrlCoef = BurnInBlend.Apply(ctrlDynamic, StableCtrlCoeff, Options.BurnInWeeks, Options.StabilizationMethod);

        var mediaContrib = mediaDag * mediaCoef;
        var ctrlContrib = inputs.Controls * ctrlCoef;
        var baseline = nn.functional.relu(nn.functional.softplus(RegionBaseline).view(-1, 1) + nn.functional.softplus(GlobalBias))
            .expand(b, t);
        var seasonal = SeasonalAmplitude is null
            ? nn.functional.softplus(SeasonalCoeff) * inputs.Seasonal
            : matmul(SeasonalAmplitude, inputs.Seasonal.t());
        var trend = TrendSlope is null
            ? zeros(b, t, device: inputs.Media.device)
            : TrendSlope.view(-1, 1) * DampedTrend.Time(inputs.TrendTime, sigmoid(TrendDampingRaw!)).view(1, -1);

        var raw = mediaContrib.sum(-1) + ctrlContrib.sum(-1) + baseline + seasonal + trend;
        var scale = PredictionScale();
        return new ReferenceOutputs
        {
            Prediction = raw * scale,
            RawPrediction = raw,
            PredictionScale = scale,
            MediaContributions = mediaContrib,
            ControlContributions = ctrlContrib,
            Baseline = baseline,
            Seasonal = seasonal,
            Trend = trend,
            MediaCoefficients = mediaCoef,
            ControlCoefficients = ctrlCoef,
            MediaAdstock = adstock,
            MediaHill = hill,
            MediaDag = mediaDag,
            ControlFeatures = ctrlFeatures,
            GruStates = states,
            MediaCoefficientsRaw = mediaRaw,
            ControlCoefficientsRaw = ctrlRaw,
        };
    }
}
