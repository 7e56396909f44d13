using Mmm.Science.Data;
using Mmm.Science.Options;

namespace Mmm.Science.Scaling;

/// <summary>
/// The fitted scaling constants of a panel: fitted on the training periods [0, TrainPeriods) and on
/// present cells only, saved with the model (a plain System.Text.Json round trip).
/// Reference modes compute in float32 from float32-cast inputs, as DeepCausalMMM does.
/// </summary>
public sealed class PanelScaler
{
    public required MediaScaling MediaScaling { get; init; }
    public required ControlScaling ControlScaling { get; init; }
    public required bool ReferenceCompat { get; init; }
    public required int RegionCount { get; init; }
    public required int ChannelCount { get; init; }
    public required int ControlCount { get; init; }
    public required int TrainPeriods { get; init; }
    /// <summary>[R] mean training KPI per region, float64.</summary>
    public required double[] KpiMean { get; init; }
    /// <summary>[R] the KPI divisor: mean + 1e-8 (1 for a non-positive mean outside reference mode).</summary>
    public required double[] KpiDivisor { get; init; }
    /// <summary>[R*C] media divisors for the per-channel modes; null for share of voice.</summary>
    public double[]? MediaDivisor { get; init; }
    /// <summary>Set when <see cref="ControlScaling"/> is reference.</summary>
    public ReferenceControlFit? ReferenceControls { get; init; }
    /// <summary>Set when <see cref="ControlScaling"/> is robust.</summary>
    public RobustControlFit? RobustControls { get; init; }

    public static PanelScaler Fit(Panel panel, int trainPeriods, MmmOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (trainPeriods < 1 || trainPeriods > panel.PeriodCount)
            throw new ArgumentOutOfRangeException(nameof(trainPeriods), $"Need 1..{panel.PeriodCount} training periods, got {trainPeriods}.");
        CheckMode(options.MediaScaling, nameof(options.MediaScaling));
        CheckMode(options.ControlScaling, nameof(options.ControlScaling));

        var train = PanelWindow.Of(panel, 0, trainPeriods);
        int regions = panel.RegionCount, channels = panel.ChannelCount, controls = panel.ControlCount;
        bool reference = options.ReferenceCompat;

        var kpiMean = KpiScaling.FitMeans(KpiInput(train.Kpi, reference), regions, trainPeriods, train.Present);
        double[]? mediaDivisor = options.MediaScaling == MediaScaling.ShareOfVoice
            ? null
            : MediaMeanScaling.FitDivisors(train.Media, regions, trainPeriods, channels,
                perRegion: options.MediaScaling == MediaScaling.PerChannelRegionMean, train.Present);

        ReferenceControlFit? referenceControls = null;
        RobustControlFit? robustControls = null;
        if (controls > 0 && options.ControlScaling == ControlScaling.Reference)
            referenceControls = ReferenceControlScaling.Fit(PanelWindow.ToSingle(train.Controls), regions, trainPeriods, controls, train.Present);
        else if (controls > 0)
            robustControls = RobustControlScaling.Fit(train.Controls, regions, trainPeriods, controls, train.Present);

        return new PanelScaler
        {
            MediaScaling = options.MediaScaling,
            ControlScaling = options.ControlScaling,
            ReferenceCompat = reference,
            RegionCount = regions,
            ChannelCount = channels,
            ControlCount = controls,
            TrainPeriods = trainPeriods,
            KpiMean = kpiMean,
            KpiDivisor = KpiScaling.Divisors(kpiMean, reference),
            MediaDivisor = mediaDivisor,
            ReferenceControls = referenceControls,
            RobustControls = robustControls,
        };
    }

    /// <summary>Scales every period of the panel in one transform call.</summary>
    public ScaledPanel Transform(Panel panel) => Transform(panel, 0, panel.PeriodCount);

    /// <summary>
    /// Scales periods [firstPeriod, firstPeriod+periodCount). The reference control clip is decided per
    /// call, so transforming the holdout on its own (as the reference pipeline does) can clip differently.
    /// </summary>
    public ScaledPanel Transform(Panel panel, int firstPeriod, int periodCount)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (panel.RegionCount != RegionCount || panel.ChannelCount != ChannelCount || panel.ControlCount != ControlCount)
            throw new ArgumentException($"Panel shape R={panel.RegionCount}, C={panel.ChannelCount}, K={panel.ControlCount} differs from the fitted R={RegionCount}, C={ChannelCount}, K={ControlCount}.", nameof(panel));

        var w = PanelWindow.Of(panel, firstPeriod, periodCount);
        int regions = RegionCount, weeks = periodCount;

        float[] media = MediaDivisor is null
            ? ShareOfVoice.Transform(PanelWindow.ToSingle(w.Media), regions, weeks, ChannelCount, w.Present)
            : MediaMeanScaling.Transform(w.Media, regions, weeks, ChannelCount, MediaDivisor, w.Present);

        float[] controls;
        float clip;
        double? stdRatio = null;
        if (ReferenceControls is not null)
        {
            var t = ReferenceControlScaling.Transform(PanelWindow.ToSingle(w.Controls), regions, weeks, ControlCount, ReferenceControls, w.Present);
            (controls, clip, stdRatio) = (t.Scaled, t.Clip, t.StdRatio);
        }
        else if (RobustControls is not null)
        {
            controls = RobustControlScaling.Transform(w.Controls, regions, weeks, ControlCount, RobustControls, w.Present);
            clip = (float)RobustControlScaling.Clip;
        }
        else
        {
            (controls, clip) = ([], (float)RobustControlScaling.Clip);
        }

        return new ScaledPanel
        {
            RegionCount = regions,
            FirstPeriod = firstPeriod,
            PeriodCount = weeks,
            ChannelCount = ChannelCount,
            ControlCount = ControlCount,
            Media = media,
            Controls = controls,
            Kpi = KpiScaling.Transform(KpiInput(w.Kpi, ReferenceCompat), regions, weeks, KpiDivisor, w.Present),
            Present = w.Present,
            ControlClip = clip,
            ControlStdRatio = stdRatio,
        };
    }

    /// <summary>Scaled KPI back to KPI units: y * (mean_r + 1e-8).</summary>
    public double KpiToOriginal(int region, double scaled) => scaled * KpiDivisor[region];

    /// <summary>
    /// Scaled media back to raw units, for the per-channel modes. Share of voice is not invertible (the
    /// week's channel total is discarded) and throws <see cref="NotSupportedException"/>.
    /// </summary>
    public double MediaToOriginal(int region, int channel, double scaled) =>
        MediaDivisor is null
            ? throw new NotSupportedException("Share-of-voice media scaling is not invertible: the week's channel total is discarded.")
            : scaled * MediaDivisor[region * ChannelCount + channel];

    /// <summary>Scaled control back to raw units. Exact inside the clip range; clipped values are not invertible.</summary>
    public double ControlToOriginal(int control, double scaled) =>
        ReferenceControls is not null ? ReferenceControlScaling.Inverse(ReferenceControls, control, scaled)
        : RobustControls is not null ? RobustControlScaling.Inverse(RobustControls, control, scaled)
        : throw new InvalidOperationException("The panel has no controls.");

    /// <summary>[R*T*C] scaled media back to raw units; see <see cref="MediaToOriginal"/>.</summary>
    public double[] InverseMedia(float[] scaled) =>
        Inverse(scaled, ChannelCount, (r, c, v) => MediaToOriginal(r, c, v));

    /// <summary>[R*T*K] scaled controls back to raw units; see <see cref="ControlToOriginal"/>.</summary>
    public double[] InverseControls(float[] scaled) =>
        Inverse(scaled, ControlCount, (_, k, v) => ControlToOriginal(k, v));

    private double[] Inverse(float[] scaled, int features, Func<int, int, double, double> inverse)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        if (features == 0 || scaled.Length % (RegionCount * features) != 0)
            throw new ArgumentException($"{scaled.Length} values do not form [{RegionCount}, T, {features}].", nameof(scaled));
        int perRegion = scaled.Length / RegionCount;
        var original = new double[scaled.Length];
        for (int i = 0; i < scaled.Length; i++)
            original[i] = inverse(i / perRegion, i % features, scaled[i]);
        return original;
    }

    /// <summary>The reference casts the raw KPI to float32 before scaling in float64.</summary>
    private static double[] KpiInput(double[] kpi, bool referenceCompat) =>
        referenceCompat ? Array.ConvertAll(kpi, v => (double)(float)v) : kpi;

    private static void CheckMode<T>(T value, string name) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentException($"{name} '{value}' is not one of {string.Join(", ", OptionChoice.Names<T>())}.", name);
    }
}
