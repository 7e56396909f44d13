using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Mmm.Science.Model;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

public sealed partial class TrainingSession
{
    /// <summary>
    /// Ends training (restoring the best weights when early stopping tracked them) and computes the
    /// results: an additive decomposition in KPI units (each component times the prediction scale and the
    /// region's KPI divisor; the fit's prediction is their sum), the fit table, the thresholded and
    /// DAG-checked adjacency, and the metrics suite with its naive baselines.
    /// </summary>
    public FitResult Finish()
    {
        int? restored = Stopping.RestoreBest(Network) ? Stopping.BestEpoch : null;
        var intervals = Intervals();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var o = Network.Forward(Data.Inputs, dropoutMask: null);
        float scale = o.PredictionScale.cpu().item<float>();
        float[] baseline = HostArray.Of(o.Baseline), trend = HostArray.Of(o.Trend), seasonal = HostArray.Of(o.Seasonal),
            media = HostArray.Of(o.MediaContributions), controls = HostArray.Of(o.ControlContributions);

        int regions = Panel.RegionCount, periods = Panel.PeriodCount, c = Panel.ChannelCount, k = Panel.ControlCount;
        int tm = Split.ModelPeriods, pad = Split.Padding;
        var labels = Split.Labels();
        var decomposition = new List<DecompositionRow>(Panel.RowCount * (3 + c + k));
        var fit = new List<FitRow>(Panel.RowCount);
        var predicted = new double[regions * periods];
        for (int r = 0; r < regions; r++)
        {
            string region = Panel.Regions[r];
            double factor = scale * Scaler.KpiDivisor[r];
            for (int p = 0; p < periods; p++)
            {
                if (!Panel.IsPresent(r, p)) continue;
                int m = r * tm + p + pad;
                var date = Panel.Dates[p];
                double total = 0;
                void Add(string type, string component, double scaled)
                {
                    double value = scaled * factor;
                    total += value;
                    decomposition.Add(new DecompositionRow(region, date, type, component, value));
                }
                Add(ComponentTypes.Baseline, ComponentTypes.Baseline, baseline[m]);
                Add(ComponentTypes.Trend, ComponentTypes.Trend, trend[m]);
                Add(ComponentTypes.Seasonality, ComponentTypes.Seasonality, seasonal[m]);
                for (int ch = 0; ch < c; ch++) Add(ComponentTypes.Media, Panel.Channels[ch], media[m * c + ch]);
                for (int ct = 0; ct < k; ct++) Add(ComponentTypes.Control, Panel.Controls[ct], controls[m * k + ct]);
                predicted[r * periods + p] = total;
                fit.Add(new FitRow(region, date, Panel.KpiAt(r, p), total, labels[p]));
            }
        }

        var weights = HostArray.Of(Network.Adjacency()).Select(w => (double)w).ToArray();
        var adjacency = AdjacencySelection.Select(Panel.Channels, weights, Options.NotearsThreshold);
        var metrics = MetricsCalculator.Report(Panel.Kpi, predicted, Panel.Present, labels, Panel.Regions);
        var channels = ChannelTotals.Compute(Panel, decomposition, fit, intervals);
        return new FitResult(decomposition, fit, adjacency, metrics, channels, Acyclicity(), LastDuals, Epoch, restored, ResponseCurves(),
            LiftTestResult.From(Panel, decomposition));
    }

    private IReadOnlyList<ResponseCurve> ResponseCurves()
    {
        var (decay, slope, half) = Network.ResponseShapes();
        float[] d = HostArray.Of(decay), s = HostArray.Of(slope), h = HostArray.Of(half);
        return Panel.Channels.Select((name, c) => new ResponseCurve(name, d[c], s[c], h[c])).ToList();
    }

    /// <summary>[split: train, holdout, all][channel] contribution intervals (<see cref="AttributionIntervals"/>), or null for the reference architecture.</summary>
    private ContributionInterval[][]? Intervals()
    {
        if (Network is not ModulatedMmmNetwork modulated || Options.AttributionDraws <= 0) return null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int regions = Panel.RegionCount, periods = Panel.PeriodCount, tm = Split.ModelPeriods, pad = Split.Padding;
        var labels = Split.Labels();
        float[][] weights = [new float[regions * tm], new float[regions * tm], new float[regions * tm]];
        for (int r = 0; r < regions; r++)
            for (int p = 0; p < periods; p++)
            {
                if (!Panel.IsPresent(r, p)) continue;
                int m = r * tm + p + pad;
                float factor = (float)Scaler.KpiDivisor[r]; // the modulated architectures' prediction scale is 1
                if (labels[p] == SplitLabels.Train) weights[0][m] = factor;
                if (labels[p] == SplitLabels.Holdout) weights[1][m] = factor;
                weights[2][m] = factor;
            }
        long parameters = modulated.StructuralParameters().Sum(p => p.numel());
        logger.LogInformation("Attribution intervals: the posterior curvature in {Parameters} structural parameters, then {Draws} draws", parameters, Options.AttributionDraws);
        try
        {
            var (intervals, hessianSeconds) = AttributionIntervals.Compute(modulated, Data, weights, Options.AttributionDraws, Options.Seed);
            logger.LogInformation("Attribution intervals: {Parameters} structural parameters, {Draws} draws in {Seconds:F1} s ({Hessian:F1} s of it the Hessian)",
                parameters, Options.AttributionDraws, clock.Elapsed.TotalSeconds, hessianSeconds);
            return intervals;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or ExternalException)
        {
            // The intervals qualify the attribution; a numerical failure there (a factorisation LAPACK refuses) must
            // not cost the run. The outputs then carry null bounds, and the log says why.
            logger.LogWarning("Attribution intervals not computed ({Error}); the interval columns are null", e.Message);
            return null;
        }
    }
}
