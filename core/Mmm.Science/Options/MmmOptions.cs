using System.Text.Json.Serialization;

namespace Mmm.Science.Options;

/// <summary>
/// Every model and training setting, with the defaults of this product. Names are the camelCase keys
/// of the run config (docs/contract.md) and of docs/model.md. <see cref="Reference"/> gives the
/// DeepCausalMMM 1.0.21 behaviour (its defects included) for parity; <c>referenceCompat: true</c> in a
/// run config starts from it.
/// Each setting belongs to every architecture or to one family (docs/model.md, "Settings by family"); the sections
/// below say which. The record stays flat, as the run config is, and in this order, which is the order of the
/// effective config's keys in summary.json.
/// </summary>
public sealed record MmmOptions
{
    // ---- mode (every architecture) ----
    /// <summary>Reproduce the reference implementation, defects included.</summary>
    public bool ReferenceCompat { get; init; }
    public int Seed { get; init; } = 42;
    /// <summary>cpu | cuda | auto.</summary>
    public string Device { get; init; } = "auto";

    // ---- split (every architecture) ----
    public double HoldoutRatio { get; init; } = 0.12;
    public int MinTrainWeeks { get; init; } = 40;
    public int BurnInWeeks { get; init; } = 6;

    // ---- scaling (every architecture) ----
    /// <summary>shareOfVoice (reference) | perChannelMean | perChannelRegionMean.</summary>
    public MediaScaling MediaScaling { get; init; } = MediaScaling.PerChannelRegionMean;
    /// <summary>reference ((x-median)/(IQR*1.349), clip by the reference rule) | robust ((x-median)/(IQR/1.349), std if IQR=0, clip ±5).</summary>
    public ControlScaling ControlScaling { get; init; } = ControlScaling.Robust;

    // ---- architecture (every architecture, but dropout and stabilizationMethod: reference network) ----
    /// <summary>
    /// modulated (default: stable per-channel effects times a bounded, penalised GRU modulation) |
    /// structural (the same model with no GRU: adstock + Hill + linear, time-invariant) |
    /// reference (the DeepCausalMMM network, used by referenceCompat).
    /// </summary>
    public Architecture Architecture { get; init; } = Architecture.Modulated;
    /// <summary>GRU hidden size (the reference uses 280; here the GRU only modulates, and 128 forecasts as well at a third of the cost).</summary>
    public int Hidden { get; init; } = 128;
    /// <summary>Dropout on the control features (reference network).</summary>
    public double Dropout { get; init; } = 0.12;
    /// <summary>triangular | notears.</summary>
    public DagMode DagMode { get; init; } = DagMode.Notears;
    public double DagTemperature { get; init; } = 0.5;
    /// <summary>exponential | linear | sigmoid: the burn-in blend of the stable and dynamic coefficients (reference network).</summary>
    public StabilizationMethod StabilizationMethod { get; init; } = StabilizationMethod.Exponential;
    /// <summary>reference (statsmodels-style decomposition, min-max, one global amplitude) | calendar (week-of-year aligned, per-region amplitude).</summary>
    public SeasonalityMode Seasonality { get; init; } = SeasonalityMode.Calendar;
    /// <summary>none (reference: frozen at 0) | damped (learned, damped per-region trend).</summary>
    public TrendMode Trend { get; init; } = TrendMode.Damped;
    /// <summary>Burn-in handling: pad (reference: prepend zero weeks and fit them) | warm (warm the GRU on real weeks, mask them out of losses).</summary>
    public BurnInMode BurnIn { get; init; } = BurnInMode.Warm;

    // ---- optimisation: the main loop (every architecture) and the warm start (reference network) ----
    public int Epochs { get; init; } = 600;
    public double LearningRate { get; init; } = 0.01;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double WeightDecay { get; init; } = 5e-5;
    public double CoeffGradClip { get; init; } = 1.0;
    public double GradientClipNorm { get; init; } = 2.0;
    public int WarmStartEpochs { get; init; } = 50;
    public double WarmStartLearningRate { get; init; } = 1e-4;

    // ---- loss: the reference network's objective (huberDelta also scores early stopping and dagWeight weighs h(W), in every architecture) ----
    public double HuberDelta { get; init; } = 0.25;
    public double DagWeight { get; init; } = 0.008;
    public double SparsityWeight { get; init; } = 0.001;
    public double L1Weight { get; init; } = 5e-5;
    public double L2Weight { get; init; } = 2e-4;
    /// <summary>Target media share of the prediction; null = no attribution prior (default).</summary>
    public double? MediaContributionPrior { get; init; }
    public double AttributionPriorWeight { get; init; } = 0.5;
    /// <summary>Target seasonal amplitude; null = no seasonal prior (default).</summary>
    public double? SeasonalPrior { get; init; }
    public double SeasonalPriorWeight { get; init; } = 0.1;

    // ---- NOTEARS (every architecture) ----
    public double NotearsLambda1 { get; init; } = 0.005;
    public double NotearsGroupL1 { get; init; } = 0.01;
    public double NotearsRhoInit { get; init; } = 1.0;
    public double NotearsAlphaInit { get; init; } = 0.0;
    public double NotearsRhoMax { get; init; } = 1e16;
    public double NotearsHTol { get; init; } = 1e-8;
    public int NotearsWarmupEpochs { get; init; } = 200;
    public int NotearsDualUpdateEvery { get; init; } = 50;
    /// <summary>rho growth factor; null = the schedule's own (3 reference, 10 standard NOTEARS).</summary>
    public double? NotearsDualFactor { get; init; }
    /// <summary>rho grows when h &gt; progress * hPrev.</summary>
    public double NotearsProgress { get; init; } = 0.25;
    public double NotearsThreshold { get; init; } = 0.3;
    /// <summary>
    /// Weight of the NOTEARS structure score on the media themselves (0 in the reference, whose W only
    /// sees the KPI fit and so cannot find channel-to-channel structure): the least-squares fit of each
    /// channel's scaled media from the other channels' adstocked media through W.
    /// </summary>
    public double DagStructureWeight { get; init; } = 0.05;
    /// <summary>reference | standard.</summary>
    public DualScheduleKind DualSchedule { get; init; } = DualScheduleKind.Reference;

    // ---- the modulated and structural architectures (docs/model.md; modulationBound and modulationPriorSd: modulated only) ----
    /// <summary>Largest adstock decay (carry-over share per week).</summary>
    public double AdstockMax { get; init; } = 0.9;
    /// <summary>Logit-normal prior on the adstock decay (as a fraction of adstockMax): median and logit-scale sd (0 = no prior).</summary>
    public double AdstockPrior { get; init; } = 0.4;
    public double AdstockPriorSd { get; init; } = 1.0;
    /// <summary>Range of the Hill slope: below 1 concave from the origin, above 1 S-shaped.</summary>
    public double HillSlopeMin { get; init; } = 0.5;
    public double HillSlopeMax { get; init; } = 3.5;
    /// <summary>Log-normal prior on the Hill slope: median and log-scale sd (0 = no prior).</summary>
    public double HillSlopePrior { get; init; } = 1.7;
    public double HillSlopePriorSd { get; init; } = 0.3;
    /// <summary>Log-normal prior on the Hill half-saturation point, in units of the channel's mean adstocked spend.</summary>
    public double HillHalfPrior { get; init; } = 0.8;
    public double HillHalfPriorSd { get; init; } = 0.4;
    /// <summary>Prior correlation (0 to below 1) of the channels' response shapes: each shape prior is split into a
    /// panel centre, estimated from the channels whose data inform their shapes, and each channel's deviation from
    /// it, keeping each channel's prior sd as set above (0 = channels independent). Experimental: measured and not adopted (docs/model.md, Settings by family).</summary>
    public double ShapePooling { get; init; } = 0.0;
    /// <summary>Bound of the GRU modulation: coefficient = effect * (1 + m), m = this * tanh(head) centred over the fitted
    /// weeks (so |m| &lt;= 2 * this, and a channel's average coefficient is its effect).</summary>
    public double ModulationBound { get; init; } = 0.25;
    /// <summary>Prior sd of what the modulation adds to a channel's contribution per region-week, in units of the
    /// region's mean KPI (smaller = closer to time-invariant).</summary>
    public double ModulationPriorSd { get; init; } = 0.01;
    /// <summary>Prior sd of each region's log deviation from the pooled channel effect.</summary>
    public double RegionPoolingSd { get; init; } = 0.3;
    /// <summary>Prior sd of each region's deviation from the pooled seasonal Fourier amplitudes (scaled KPI).</summary>
    public double SeasonalPoolingSd { get; init; } = 0.05;
    /// <summary>Prior sd of each region's deviation from the pooled trend (scaled KPI over the training weeks).</summary>
    public double TrendPoolingSd { get; init; } = 0.1;
    /// <summary>Prior sd of each region's deviation from a pooled control coefficient (scaled KPI per robust sd of the control).</summary>
    public double ControlPoolingSd { get; init; } = 0.05;
    /// <summary>Weeks between the knots of the baseline's time-varying part (docs/model.md §3).</summary>
    public int BaselineKnotWeeks { get; init; } = 8;
    /// <summary>Prior sd of the pooled time-varying baseline's step from one knot to the next (scaled KPI: share of the
    /// region's mean KPI); 0 = a rigid baseline (level, trend and season only).</summary>
    public double BaselineDriftSd { get; init; } = 0.02;
    /// <summary>Prior sd of each region's step from one knot to the next, as a deviation from the pooled walk.</summary>
    public double RegionDriftSd { get; init; } = 0.01;
    /// <summary>Nats an effect must earn from the data to stay away from zero: weight of the bounded shrinkage
    /// <c>1 - exp(-contribution / scale)</c> on each channel's mean contribution (0 = none).</summary>
    public double EffectShrinkage { get; init; } = 2.0;
    /// <summary>Contribution scale (share of the KPI) below which the shrinkage pulls an effect to zero.</summary>
    public double EffectShrinkageScale { get; init; } = 0.003;
    /// <summary>Epochs of the structural pre-fit (the warm start of the modulated and structural architectures) per restart.</summary>
    public int StructuralEpochs { get; init; } = 1500;
    public double StructuralLearningRate { get; init; } = 0.02;
    /// <summary>Pre-fit restarts from different response-curve shapes; the best penalised fit is kept. Above 1 experimental (docs/model.md, Settings by family).</summary>
    public int StructuralRestarts { get; init; } = 1;
    /// <summary>Fraction of the pre-fit's epochs after which the effect shrinkage comes on (0 = from the start). Above 0 experimental (docs/model.md, Settings by family).</summary>
    public double StructuralShrinkageFrom { get; init; } = 0.0;
    /// <summary>Members of the posterior ensemble behind each channel's 90 % contribution interval (modulated and structural
    /// architectures, docs/model.md §8): refits of the structural model to perturbed data and prior centres; 0 = no intervals.</summary>
    public int EnsembleMembers { get; init; } = 20;
    /// <summary>Prior sd of each lift-tested channel's confounding term (scaled KPI per unit of its Hill curve, docs/model.md §3):
    /// how much of the channel's association with the KPI the model may give to the baseline when its experiment says the
    /// channel caused less (or more); 0 = none, the panel and the experiment then share one effect.</summary>
    public double LiftConfoundingSd { get; init; } = 0.1;
    /// <summary>Panels simulated from the fitted model and refitted to check, on this panel, how well the model recovers a known
    /// truth and how often its intervals hold it (docs/model.md §9); 0 = no self-check.</summary>
    public int SelfCheck { get; init; }
    /// <summary>Adam epochs of each ensemble member, from the structural fit.</summary>
    public int EnsembleEpochs { get; init; } = 1000;
    /// <summary>Adam's learning rate for the ensemble members: below the pre-fit's, since a member starts next to its
    /// optimum and Adam's first steps, of this size in every parameter, would throw it far off.</summary>
    public double EnsembleLearningRate { get; init; } = 0.005;

    // ---- early stopping (every architecture; fixed behaviour, the reference's never fires) ----
    public bool EarlyStopping { get; init; } = true;
    public int EvalEvery { get; init; } = 25;
    public int Patience { get; init; } = 300;
    public double MinDelta { get; init; } = 1e-4;
    /// <summary>NOTEARS mode: only weights whose h(W) is at most this can be "best", and patience only runs then,
    /// so early stopping never ends a run (or restores weights) before the graph is close to acyclic.</summary>
    public double EarlyStoppingMaxH { get; init; } = 0.01;

    // ---- logging (every architecture) ----
    public int LogEvery { get; init; } = 25;

    /// <summary>The reference implementation's behaviour and defaults.</summary>
    public static MmmOptions Reference { get; } = new()
    {
        ReferenceCompat = true,
        Architecture = Architecture.Reference,
        Hidden = 280,
        Epochs = 1500,
        NotearsWarmupEpochs = 500,
        NotearsDualUpdateEvery = 100,
        MediaScaling = MediaScaling.ShareOfVoice,
        ControlScaling = ControlScaling.Reference,
        Seasonality = SeasonalityMode.Reference,
        Trend = TrendMode.None,
        BurnIn = BurnInMode.Pad,
        MediaContributionPrior = 0.40,
        SeasonalPrior = 1.0,
        EarlyStopping = false,
        DagStructureWeight = 0,
    };

    [JsonIgnore] public int ControlHidden => (int)(Hidden * 0.5);
}
