using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// A panel laid out for the model: scaled inputs over the model's sequence (reference padding included),
/// the fitting mask (training cells the loss sees) and the holdout mask, on one device.
/// Model period m holds panel period m - Padding.
/// </summary>
public sealed class TrainingTensors : IDisposable
{
    public required PanelSplit Split { get; init; }
    public required ModelInputs Inputs { get; init; }
    /// <summary>[R,Tm] scaled KPI (0 in padding and absent cells).</summary>
    public required Tensor Target { get; init; }
    /// <summary>[R,Tm] 1 where the training loss counts a cell.</summary>
    public required Tensor FitMask { get; init; }
    /// <summary>[R,Tm] 1 on present holdout cells.</summary>
    public required Tensor HoldoutMask { get; init; }
    /// <summary>[R,Tm] 1 on present training cells after burn-in (statistics for initialisation).</summary>
    public required Tensor InitCells { get; init; }
    /// <summary>[R,Tm,P] per region, an orthonormal basis of level, trend, seasonality and controls over the fitted cells
    /// (<see cref="ConfounderBasis"/>); null where the family has none (the reference, <see cref="IModelFamily.ObjectiveTensors"/>).</summary>
    public Tensor? Confounders { get; init; }
    /// <summary>The panel's lift tests as a term of the objective; null when it has none or for the reference architecture.</summary>
    public Calibration? Lift { get; init; }
    /// <summary>The panel's ROI priors as a term of the objective; null when it has none or for the reference architecture.</summary>
    public Calibration? Roi { get; init; }

    /// <summary>The tensors of <paramref name="o"/>'s architecture (<see cref="ModelFamilies.For"/>).</summary>
    public static TrainingTensors Build(Panel panel, PanelScaler scaler, MmmOptions o, PanelSplit split, Device device) =>
        Build(panel, scaler, o, split, device, ModelFamilies.For(o));

    internal static TrainingTensors Build(Panel panel, PanelScaler scaler, MmmOptions o, PanelSplit split, Device device, IModelFamily family)
    {
        int r = panel.RegionCount, c = panel.ChannelCount, k = panel.ControlCount, pad = split.Padding, tm = split.ModelPeriods;
        ScaledPanel[] parts = o.ReferenceCompat && split.HoldoutPeriods > 0
            // The reference pipeline scales train and holdout in separate calls (its control clip is per call).
            ? [scaler.Transform(panel, 0, split.TrainEnd), scaler.Transform(panel, split.TrainEnd, split.HoldoutPeriods)]
            : [scaler.Transform(panel)];

        var media = new float[r * tm * c];
        var controls = new float[r * tm * k];
        var y = new float[r * tm];
        var fit = new float[r * tm];
        var holdout = new float[r * tm];
        var initCells = new float[r * tm];
        foreach (var part in parts)
            for (int region = 0; region < r; region++)
                for (int t = 0; t < part.PeriodCount; t++)
                {
                    int period = part.FirstPeriod + t, src = region * part.PeriodCount + t, dst = region * tm + pad + period;
                    Array.Copy(part.Media, src * c, media, dst * c, c);
                    Array.Copy(part.Controls, src * k, controls, dst * k, k);
                    y[dst] = part.Kpi[src];
                    if (!part.Present[src]) continue;
                    var label = split.Label(period);
                    if (label == SplitLabels.Train) { fit[dst] = 1; initCells[dst] = 1; }
                    if (label == SplitLabels.Holdout) holdout[dst] = 1;
                }
        if (split.PaddedBurnIn)
            for (int region = 0; region < r; region++)
                for (int t = 0; t < pad; t++) fit[region * tm + t] = 1; // the reference fits its zero padding weeks

        var inputs = new ModelInputs(
            tensor(media, [r, tm, c]), tensor(controls, [r, tm, k]),
            SeasonalInput(panel, scaler, o, split, y), TrendTime(split), tensor(initCells, [r, tm]), family.DriftBasis(split), family.ExperimentedChannels(panel));
        var fitMask = tensor(fit, [r, tm]);
        var objective = family.ObjectiveTensors(panel, scaler, split, fitMask, inputs, device);
        return new TrainingTensors
        {
            Confounders = objective.Confounders,
            Lift = objective.Lift,
            Roi = objective.Roi,
            Split = split,
            Inputs = inputs.To(device),
            Target = tensor(y, [r, tm]).to(device),
            FitMask = fitMask.to(device),
            HoldoutMask = tensor(holdout, [r, tm]).to(device),
            InitCells = tensor(initCells, [r, tm]).to(device),
        };
    }

    public static int SeasonalFeatureCount => 2 * CalendarSeasonality.DefaultHarmonics;

    /// <summary>
    /// Reference: per-region classical decomposition of the training KPI, min-max scaled, padded on the
    /// left over the zero weeks; holdout weeks take the last training values (the reference's defect).
    /// Calendar: Fourier terms of each period's date, so every week gets its own calendar position.
    /// </summary>
    private static Tensor SeasonalInput(Panel panel, PanelScaler scaler, MmmOptions o, PanelSplit split, float[] y)
    {
        if (o.Seasonality == SeasonalityMode.Calendar)
        {
            var dates = Enumerable.Range(0, split.Padding).Select(i => panel.Dates[0].AddDays(-panel.StepDays * (split.Padding - i)))
                .Concat(panel.Dates).ToList();
            return tensor(CalendarSeasonality.Fourier(dates), [dates.Count, SeasonalFeatureCount]);
        }
        int r = panel.RegionCount, tm = split.ModelPeriods, train = split.TrainEnd, pad = split.Padding;
        var trainY = new float[r * (pad + train)];
        for (int region = 0; region < r; region++)
            Array.Copy(y, region * tm, trainY, region * (pad + train), pad + train);
        var components = ReferenceSeasonality.FromScaledKpi(trainY, r, pad + train, pad, scaler.KpiMean).Components;
        var series = new float[r * tm];
        var padded = ReferenceSeasonality.PadLeft(components, r, train, pad + train);
        for (int region = 0; region < r; region++)
        {
            Array.Copy(padded, region * (pad + train), series, region * tm, pad + train);
            for (int h = 0; h < split.HoldoutPeriods; h++)
                series[region * tm + pad + train + h] = components[region * train + train - split.HoldoutPeriods + h];
        }
        return tensor(series, [r, tm]);
    }

    /// <summary>Linear time spanning [-0.5, 0.5] over the fitted training weeks (the model damps beyond).</summary>
    private static Tensor TrendTime(PanelSplit split)
    {
        int first = split.Padding + split.FirstFitted, last = split.Padding + split.TrainEnd - 1;
        double span = Math.Max(1, last - first);
        return tensor(Enumerable.Range(0, split.ModelPeriods).Select(m => (float)((m - first) / span - 0.5)).ToArray());
    }

    public void Dispose()
    {
        Inputs.Dispose();
        Target.Dispose();
        FitMask.Dispose();
        HoldoutMask.Dispose();
        InitCells.Dispose();
        Confounders?.Dispose();
        Lift?.Dispose();
        Roi?.Dispose();
    }
}
