using Mmm.Science.Data;
using Mmm.Science.Options;

namespace Mmm.Lab.Synthetic;

/// <summary>
/// Generates a panel from a known model: KPI = baseline + trend + seasonality + sum of channel effects
/// (geometric adstock, then Hill or logistic saturation on the region's mean-scaled adstock, times beta) + control
/// effects + noise, with a planted DAG among channels (a child channel's activity is partly its parent's adstock).
/// A channel's spend may follow the season or a control (confounding; the control may be unobserved, absent from
/// the panel), may be raised in the holdout weeks, and its beta may be calibrated to a target share of the KPI
/// (<see cref="TargetShareCalibration"/>). Deterministic for a given spec, seed included.
/// </summary>
public static class SyntheticPanelGenerator
{
    private const double SecondHarmonicWeight = 0.35;
    // Seasonal peak around mid-November (year fraction ~0.87), as for many retail KPIs.
    private const double SeasonalPeakYearFraction = 0.87;

    public static SyntheticPanel Generate(SyntheticPanelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        SyntheticPanelSpecValidation.Validate(spec);

        int regions = spec.Regions, periods = spec.Weeks;
        int channels = spec.Channels.Count, controls = spec.Controls.Count;
        int[] observed = Enumerable.Range(0, controls).Where(k => spec.Controls[k].Observed).ToArray();
        var components = ComponentNames(spec);
        int m = components.Count;

        var dates = Enumerable.Range(0, periods).Select(t => spec.StartDate.AddDays(t * spec.StepDays)).ToArray();
        var spans = RegionSpan.For(regions, periods, spec.RaggedRegions, spec.Seed);
        var sizes = RegionSizes(regions, spec.MaxRegionSizeRatio, spec.Seed);

        var media = new double[regions * periods * channels];
        var controlValues = new double[regions * periods * observed.Length];
        var contributions = new double[regions * periods * m];
        var kpi = new double[regions * periods];
        var present = new bool[regions * periods];
        var regionBetas = new double[regions * channels];
        var adstockReferences = new double[regions * channels];

        for (int r = 0; r < regions; r++)
        {
            var region = new RegionBuffers(spans[r].Length, m, channels, controls);
            double[] season = FillStructural(spec, r, spans[r], sizes[r], dates, region);
            FillControls(spec, r, sizes[r], region, controlOffset: 3 + channels);
            FillMedia(spec, r, spans[r], sizes[r], region, channelOffset: 3, season, regionBetas.AsSpan(r * channels, channels),
                adstockReferences.AsSpan(r * channels, channels));
            FillNoise(spec, r, region, noiseIndex: m - 1);

            for (int i = 0; i < region.Length; i++)
            {
                int cell = r * periods + spans[r].Start + i;
                present[cell] = true;
                double sum = 0.0;
                for (int k = 0; k < m; k++)
                {
                    double v = region.Contributions[i * m + k];
                    contributions[cell * m + k] = v;
                    sum += v;
                }
                if (!(sum > 0.0))
                    throw new InvalidOperationException(
                        $"Synthetic KPI is not positive in region {RegionName(r, regions)} at {dates[spans[r].Start + i]:yyyy-MM-dd} " +
                        $"({sum}); lower NoiseSdFraction, seasonal amplitude or trend.");
                kpi[cell] = sum;
                for (int c = 0; c < channels; c++) media[cell * channels + c] = region.Media[i * channels + c];
                for (int k = 0; k < observed.Length; k++) controlValues[cell * observed.Length + k] = region.Controls[i * controls + observed[k]];
            }
        }

        var regionNames = Enumerable.Range(0, regions).Select(r => RegionName(r, regions)).ToArray();
        var panel = new Panel
        {
            Source = $"synthetic:seed={spec.Seed}",
            Regions = regionNames,
            Dates = dates,
            StepDays = spec.StepDays,
            KpiName = spec.KpiName,
            Channels = spec.Channels.Select(c => c.Name).ToArray(),
            Controls = observed.Select(k => spec.Controls[k].Name).ToArray(),
            Kpi = kpi,
            Media = media,
            ControlValues = controlValues,
            Present = present,
        };
        EnsureNoConstantChannel(panel);

        var truth = new SyntheticTruth
        {
            Regions = regionNames,
            Dates = dates,
            Channels = spec.Channels.ToArray(),
            Controls = spec.Controls.ToArray(),
            Components = components,
            Contributions = contributions,
            Kpi = (double[])kpi.Clone(),
            Present = (bool[])present.Clone(),
            RegionSize = sizes,
            RegionBetas = regionBetas,
            AdstockReferences = adstockReferences,
            Edges = spec.Channels
                .Where(c => c.DrivenBy is not null)
                .Select(c => new DagEdge(c.DrivenBy!, c.Name, c.DrivenShare))
                .ToArray(),
        };
        return new SyntheticPanel { Panel = panel, Truth = truth };
    }

    /// <summary>The first holdout week of the product's default split of a panel of <paramref name="weeks"/> weeks (<see cref="SyntheticChannelSpec.HoldoutSpendFactor"/>).</summary>
    public static int HoldoutStart(int weeks) => TrainingWeeks.Of(weeks, new MmmOptions()).End;

    public static IReadOnlyList<string> ComponentNames(SyntheticPanelSpec spec) =>
    [
        SyntheticTruth.Baseline, SyntheticTruth.Trend, SyntheticTruth.Seasonality,
        .. spec.Channels.Select(c => c.Name),
        .. spec.Controls.Select(c => c.Name),
        SyntheticTruth.Noise,
    ];

    public static string RegionName(int region, int regionCount) =>
        "r" + (region + 1).ToString(new string('0', Math.Max(2, regionCount.ToString().Length)),
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sizes spread geometrically over [1, maxRatio], in shuffled order.</summary>
    private static double[] RegionSizes(int regions, double maxRatio, ulong seed)
    {
        var sizes = new double[regions];
        for (int r = 0; r < regions; r++)
            sizes[r] = regions == 1 ? 1.0 : Math.Pow(maxRatio, (double)r / (regions - 1));
        var rng = DeterministicRandom.For(seed, SyntheticStreams.RegionSizes);
        for (int i = regions - 1; i > 0; i--)
        {
            int j = rng.NextInt(0, i);
            (sizes[i], sizes[j]) = (sizes[j], sizes[i]);
        }
        return sizes;
    }

    /// <summary>Baseline, trend and seasonality; returns the region's unit-amplitude seasonal shape over its span.</summary>
    private static double[] FillStructural(SyntheticPanelSpec spec, int r, RegionSpan span, double size, DateOnly[] dates, RegionBuffers region)
    {
        var rng = DeterministicRandom.For(spec.Seed, SyntheticStreams.RegionShape, (ulong)r);
        double level = spec.BaseLevel * size;
        double trendPerYear = rng.Uniform(spec.TrendPerYearMin, spec.TrendPerYearMax);
        double amplitude = rng.Uniform(spec.SeasonalAmplitudeMin, spec.SeasonalAmplitudeMax);
        double phase = Math.PI / 2 - 2 * Math.PI * SeasonalPeakYearFraction + rng.Normal(0.0, 0.25);
        double phase2 = rng.Uniform(0.0, 2 * Math.PI);
        double periodsPerYear = 365.25 / spec.StepDays;

        var season = new double[region.Length];
        for (int i = 0; i < region.Length; i++)
        {
            int t = span.Start + i;
            double yearFraction = (dates[t].DayOfYear - 1) / 365.25;
            double seasonal = Math.Sin(2 * Math.PI * yearFraction + phase)
                              + SecondHarmonicWeight * Math.Sin(4 * Math.PI * yearFraction + phase2);
            region.Contributions[i * region.Components + 0] = level;
            region.Contributions[i * region.Components + 1] = level * trendPerYear * (t / periodsPerYear);
            region.Contributions[i * region.Components + 2] = level * amplitude * seasonal;
            season[i] = seasonal;
        }
        return season;
    }

    /// <summary>
    /// Spend and effect of every channel. Channels with a fixed beta are filled first; then the region's
    /// noise-free KPI without the calibrated channels is what <see cref="TargetShareCalibration"/> solves their betas
    /// from (controls and structural parts are already in <paramref name="region"/>, noise is not yet).
    /// </summary>
    private static void FillMedia(SyntheticPanelSpec spec, int r, RegionSpan span, double size, RegionBuffers region, int channelOffset,
        double[] season, Span<double> betas, Span<double> references)
    {
        int channels = spec.Channels.Count;
        int holdoutStart = HoldoutStart(spec.Weeks);
        var adstocks = new double[channels][];
        var adstockMeans = new double[channels];
        var response = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            var ch = spec.Channels[c];
            var rng = DeterministicRandom.For(spec.Seed, SyntheticStreams.Media, (ulong)r, (ulong)c);
            double[] own = MediaSeries.Own(ch.Pattern, rng, region.Length, season, ch.SeasonalStrength);
            if (ch.SpendFollowsControl is not null)
                own = FollowControl(own, region, IndexOfControl(spec, ch.SpendFollowsControl), ch.ControlElasticity);
            double[] x = new double[region.Length];
            double[]? parentDrive = null;
            if (ch.DrivenBy is not null)
            {
                int p = IndexOfChannel(spec, ch.DrivenBy);
                parentDrive = ResponseCurves.Scaled(adstocks[p], adstockMeans[p]);
            }
            for (int i = 0; i < region.Length; i++)
            {
                double activity = parentDrive is null ? own[i] : (1 - ch.DrivenShare) * own[i] + ch.DrivenShare * parentDrive[i];
                x[i] = ch.Scale * size * activity;
            }

            // The curve's x is scaled by the mean adstock of the spend as planned, so a holdout raise moves along the
            // same true curve instead of rescaling it (the training weeks' response stays that of the unraised spend).
            adstocks[c] = ResponseCurves.GeometricAdstock(x, ch.AdstockDecay);
            adstockMeans[c] = ResponseCurves.Mean(adstocks[c]);
            references[c] = adstockMeans[c];
            if (ch.HoldoutFactor != 1.0)
            {
                for (int i = Math.Max(0, holdoutStart - span.Start); i < region.Length; i++) x[i] *= ch.HoldoutFactor;
                adstocks[c] = ResponseCurves.GeometricAdstock(x, ch.AdstockDecay);
            }

            double[] scaled = ResponseCurves.Scaled(adstocks[c], adstockMeans[c]);
            response[c] = new double[region.Length];
            for (int i = 0; i < region.Length; i++)
            {
                region.Media[i * channels + c] = x[i];
                response[c][i] = ResponseCurves.Saturation(ch, scaled[i]);
            }
            if (ch.TargetShare is null)
            {
                betas[c] = ch.Beta * size;
                SetContribution(region, channelOffset + c, betas[c], response[c]);
            }
        }

        double targetShareSum = spec.Channels.Sum(ch => ch.TargetShare ?? 0.0);
        double others = region.Contributions.Sum();
        for (int c = 0; c < channels; c++)
        {
            if (spec.Channels[c].TargetShare is not double share) continue;
            betas[c] = TargetShareCalibration.Beta(others, response[c].Sum(), share, targetShareSum);
            SetContribution(region, channelOffset + c, betas[c], response[c]);
        }
    }

    private static void SetContribution(RegionBuffers region, int component, double beta, double[] response)
    {
        for (int i = 0; i < region.Length; i++)
            region.Contributions[i * region.Components + component] = beta * response[i];
    }

    /// <summary>own * exp(elasticity * z), z the control standardised over the span, mean-scaled again.</summary>
    private static double[] FollowControl(double[] own, RegionBuffers region, int control, double elasticity)
    {
        int controls = region.ControlCount;
        var values = new double[region.Length];
        for (int i = 0; i < region.Length; i++) values[i] = region.Controls[i * controls + control];
        double mean = ResponseCurves.Mean(values);
        double sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        var followed = new double[own.Length];
        for (int i = 0; i < own.Length; i++)
            followed[i] = own[i] * (sd > 0.0 ? Math.Exp(elasticity * (values[i] - mean) / sd) : 1.0);
        return ResponseCurves.MeanScaled(followed);
    }

    private static void FillControls(SyntheticPanelSpec spec, int r, double size, RegionBuffers region, int controlOffset)
    {
        int controls = spec.Controls.Count;
        for (int k = 0; k < controls; k++)
        {
            var ctl = spec.Controls[k];
            var rng = DeterministicRandom.For(spec.Seed, SyntheticStreams.Control, (ulong)r, (ulong)k);
            double[] values = ControlSeries.Generate(ctl, rng, region.Length);
            for (int i = 0; i < region.Length; i++)
            {
                region.Controls[i * controls + k] = values[i];
                region.Contributions[i * region.Components + controlOffset + k] = ctl.Coefficient * size * (values[i] - ctl.Reference);
            }
        }
    }

    /// <summary>Gaussian noise with sd = NoiseSdFraction x the region's mean noise-free KPI.</summary>
    private static void FillNoise(SyntheticPanelSpec spec, int r, RegionBuffers region, int noiseIndex)
    {
        double signalSum = 0.0;
        for (int i = 0; i < region.Length; i++)
            for (int k = 0; k < noiseIndex; k++)
                signalSum += region.Contributions[i * region.Components + k];
        double sd = spec.NoiseSdFraction * signalSum / region.Length;
        var rng = DeterministicRandom.For(spec.Seed, SyntheticStreams.Noise, (ulong)r);
        for (int i = 0; i < region.Length; i++)
            region.Contributions[i * region.Components + noiseIndex] = rng.Normal(0.0, sd);
    }

    private static int IndexOfControl(SyntheticPanelSpec spec, string name)
    {
        for (int k = 0; k < spec.Controls.Count; k++)
            if (spec.Controls[k].Name == name) return k;
        throw new ArgumentException($"Unknown control '{name}'.", nameof(name));
    }

    private static int IndexOfChannel(SyntheticPanelSpec spec, string name)
    {
        for (int c = 0; c < spec.Channels.Count; c++)
            if (spec.Channels[c].Name == name) return c;
        throw new ArgumentException($"Unknown channel '{name}'.", nameof(name));
    }

    private static void EnsureNoConstantChannel(Panel panel)
    {
        for (int c = 0; c < panel.ChannelCount; c++)
        {
            double? first = null;
            bool varies = false;
            for (int cell = 0; cell < panel.Present.Length && !varies; cell++)
            {
                if (!panel.Present[cell]) continue;
                double v = panel.Media[cell * panel.ChannelCount + c];
                first ??= v;
                varies = v != first.Value;
            }
            if (!varies)
                throw new InvalidOperationException($"Synthetic channel '{panel.Channels[c]}' came out constant; use more weeks.");
        }
    }

    /// <summary>One region's series over its span, row-major [period, item].</summary>
    private sealed class RegionBuffers(int length, int components, int channels, int controls)
    {
        public int Length { get; } = length;
        public int Components { get; } = components;
        public int ControlCount { get; } = controls;
        public double[] Contributions { get; } = new double[length * components];
        public double[] Media { get; } = new double[length * channels];
        public double[] Controls { get; } = new double[length * controls];
    }
}
