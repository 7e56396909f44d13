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
    /// <param name="refits">The posterior ensemble's members and the self-check's refits when they ran elsewhere (the pipeline's
    /// activities); null, or a null part: run them here.</param>
    public FitResult Finish(RefitResults? refits = null)
    {
        int? restored = Stopping.RestoreBest(Network) ? Stopping.BestEpoch : null;
        var (intervals, selfCheck, memberEdges, memberDraws) = Model.Uncertainty(Data, refits ?? new RefitResults(null, null));
        var curvature = Model.Curvature(Data);
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
        var adjacency = AdjacencySelection.Select(Panel.Channels, weights, Options.NotearsThreshold).WithProbabilities(Panel.Channels, memberEdges);
        var saved = Model.Save(Data, adjacency, memberDraws);
        var metrics = MetricsCalculator.Report(Panel.Kpi, predicted, Panel.Present, labels, Panel.Regions);
        var channels = ChannelTotals.Compute(Panel, decomposition, fit, intervals);
        var decisions = saved is null ? null : Decisions.DecisionTables.Compute(saved, Split.Labels());
        if (decisions is not null) channels = decisions.WithTotalEffects(channels);
        var liftTests = LiftTestResult.From(Panel, decomposition);
        var roiPriors = RoiPriorResult.From(Panel, decomposition);
        var health = HealthChecks.Run(new HealthChecks.Evidence(Panel, decomposition, channels, metrics, liftTests, roiPriors, curvature, Restarts, selfCheck));
        return new FitResult(decomposition, fit, adjacency, metrics, channels, Acyclicity(), LastDuals, Epoch, restored, ResponseCurves(),
            liftTests, selfCheck, roiPriors, health) { SavedModel = saved, Decisions = decisions };
    }

    private IReadOnlyList<ResponseCurve> ResponseCurves()
    {
        var (decay, slope, half) = Network.ResponseShapes();
        float[] d = HostArray.Of(decay), s = HostArray.Of(slope), h = HostArray.Of(half);
        return Panel.Channels.Select((name, c) => new ResponseCurve(name, d[c], s[c], h[c])).ToList();
    }
}
