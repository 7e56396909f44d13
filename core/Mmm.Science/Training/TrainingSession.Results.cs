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
    /// <param name="members">The posterior ensemble's members (<see cref="EnsembleMembers"/>) when they ran elsewhere; null: run them here.</param>
    public FitResult Finish(IReadOnlyList<double[]>? members = null)
    {
        int? restored = Stopping.RestoreBest(Network) ? Stopping.BestEpoch : null;
        var intervals = Intervals(members);
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

    /// <summary>
    /// Members of the posterior ensemble (<see cref="PosteriorEnsemble"/>): each member's [split * C] contributions per split
    /// (train, holdout, all) in KPI units. Run on the warm-started model, whose structural fit the main loop holds; the pipeline runs
    /// each member as its own activity and hands the results to <see cref="Finish"/>.
    /// </summary>
    public IReadOnlyList<double[]> EnsembleMembers(int first, int count)
    {
        if (Network is not ModulatedMmmNetwork modulated)
            throw new InvalidOperationException("the reference architecture has no posterior ensemble");
        using var weights = SplitWeights();
        return PosteriorEnsemble.Members(modulated, Data, weights, first, count);
    }

    /// <summary>[split: train, holdout, all][channel] contribution intervals from the ensemble's members (computed here, one
    /// after the other, when none are given), or null for the reference architecture and without members.</summary>
    private ContributionInterval[][]? Intervals(IReadOnlyList<double[]>? members)
    {
        if (Network is not ModulatedMmmNetwork modulated || Options.EnsembleMembers <= 0) return null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (members is null)
        {
            logger.LogInformation("Attribution intervals: {Members} members of the posterior ensemble, {Epochs} epochs each", Options.EnsembleMembers, Options.EnsembleEpochs);
            members = EnsembleMembers(0, Options.EnsembleMembers);
        }
        using var weights = SplitWeights();
        var structural = StructuralRefit.Totals(modulated, Data, weights);
        double[] point;
        using (no_grad())
        using (NewDisposeScope())
        {
            var media = Network.Forward(Data.Inputs, dropoutMask: null).MediaContributions;
            point = matmul(weights, media.reshape(weights.shape[1], -1)).to(ScalarType.Float64).cpu().data<double>().ToArray();
        }
        var intervals = EnsembleIntervals.From(point, structural, members, 3, Panel.ChannelCount);
        logger.LogInformation("Attribution intervals: {Members} members in {Seconds:F1} s", members.Count, clock.Elapsed.TotalSeconds);
        if (intervals is null) logger.LogWarning("Attribution intervals not computed: fewer than two members gave finite contributions; the interval columns are null");
        return intervals;
    }

    /// <summary>[3, R*Tm] per split (train, holdout, all) and model cell: the cell's KPI divisor where it is a present row of the split, else 0.</summary>
    private Tensor SplitWeights()
    {
        int regions = Panel.RegionCount, periods = Panel.PeriodCount, tm = Split.ModelPeriods, pad = Split.Padding;
        var labels = Split.Labels();
        var weights = new float[3 * regions * tm];
        for (int r = 0; r < regions; r++)
            for (int p = 0; p < periods; p++)
            {
                if (!Panel.IsPresent(r, p)) continue;
                int m = r * tm + p + pad;
                float factor = (float)Scaler.KpiDivisor[r]; // the modulated architectures' prediction scale is 1
                if (labels[p] == SplitLabels.Train) weights[m] = factor;
                if (labels[p] == SplitLabels.Holdout) weights[regions * tm + m] = factor;
                weights[2 * regions * tm + m] = factor;
            }
        return tensor(weights, [3, regions * tm]).to(Device);
    }
}
