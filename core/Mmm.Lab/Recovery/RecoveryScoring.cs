using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Lab.Recovery;

/// <summary>
/// Scores a fit from what users get (the decomposition and fit rows of <see cref="FitResult"/>, its selected
/// DAG and metrics) against a <see cref="RecoveryTruth"/>. Every present row counts, burn-in, train and
/// holdout alike: a share is a channel's summed contribution over the summed actual KPI of those rows.
/// </summary>
public static class RecoveryScoring
{
    public static ScenarioScore Score(string scenario, int seed, FitResult fit, RecoveryTruth truth, double wallSeconds, double? cpuSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(truth);
        var channels = truth.Channels;
        var index = channels.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var trueTotal = new double[channels.Count];
        var spendTotal = new double[channels.Count];
        var modelTotal = new double[channels.Count];
        double actual = 0;
        var rows = new HashSet<RowKey>();
        foreach (var row in fit.Fit)
        {
            var key = new RowKey(row.Region, row.Date);
            if (!truth.Contributions.TryGetValue(key, out var contribution) || !truth.Spend.TryGetValue(key, out var spend))
                throw new ArgumentException($"fit row ({row.Region}, {row.Date:yyyy-MM-dd}) has no true contribution", nameof(truth));
            rows.Add(key);
            actual += row.Actual;
            for (int c = 0; c < channels.Count; c++)
            {
                trueTotal[c] += contribution[c];
                spendTotal[c] += spend[c];
            }
        }
        foreach (var row in fit.Decomposition)
        {
            if (row.ComponentType != ComponentTypes.Media) continue;
            if (!index.TryGetValue(row.Component, out int c))
                throw new ArgumentException($"the fit has a channel '{row.Component}' that the truth does not know", nameof(fit));
            if (!rows.Contains(new RowKey(row.Region, row.Date)))
                throw new ArgumentException($"decomposition row ({row.Region}, {row.Date:yyyy-MM-dd}) has no fit row", nameof(fit));
            modelTotal[c] += row.Contribution;
        }
        if (!(actual > 0)) throw new ArgumentException($"the actual KPI sums to {actual}; shares need a positive total", nameof(fit));

        var zero = truth.ZeroEffectChannels.ToHashSet(StringComparer.Ordinal);
        var allWeeks = fit.Channels.ToDictionary(c => c.Channel, c => c.All, StringComparer.Ordinal);
        var scores = channels.Select((name, c) => new ChannelScore(
            name, trueTotal[c], modelTotal[c], spendTotal[c],
            TrueShare: trueTotal[c] / actual,
            ModelShare: modelTotal[c] / actual,
            TrueRoas: RecoveryRoas.Roas(trueTotal[c], spendTotal[c]),
            ModelRoas: RecoveryRoas.Roas(modelTotal[c], spendTotal[c]),
            ZeroEffect: zero.Contains(name),
            ModelShareLow: allWeeks.GetValueOrDefault(name)?.ContributionLow / actual,
            ModelShareHigh: allWeeks.GetValueOrDefault(name)?.ContributionHigh / actual,
            TrueShape: truth.Shapes?[c],
            ModelShape: fit.ResponseCurves?.FirstOrDefault(r => r.Channel == name))).ToList();

        var selected = fit.Adjacency.SelectedEdges.Select(e => new PlantedEdge(e.Source, e.Target)).ToList();
        var (bestNaive, bestNaiveWape) = BestNaive(fit.Metrics.Baselines);
        return new ScenarioScore(
            scenario, seed, scores,
            TrueMediaShare: trueTotal.Sum() / actual,
            ModelMediaShare: modelTotal.Sum() / actual,
            PlantedEdges: truth.Edges,
            SelectedEdges: selected,
            Graph: StructuralHammingDistance.Compare(truth.Edges, selected),
            HoldoutWape: fit.Metrics.Holdout?.Wape,
            BestNaive: bestNaive,
            BestNaiveWape: bestNaiveWape,
            WallSeconds: wallSeconds,
            EpochsTrained: fit.EpochsTrained,
            CpuSeconds: cpuSeconds,
            LiftTests: fit.LiftTests?.Select(t => new LiftTestScore(t, TrueLift(t, truth, index[t.Channel]))).ToList(),
            SelfCheck: fit.SelfCheck);
    }

    /// <summary>The channel's true contribution over a lift test's rows.</summary>
    private static double TrueLift(LiftTestResult test, RecoveryTruth truth, int channel)
    {
        var regions = test.Regions.ToHashSet(StringComparer.Ordinal);
        return truth.Contributions.Where(kv => regions.Contains(kv.Key.Region) && kv.Key.Date >= test.Start && kv.Key.Date <= test.End)
            .Sum(kv => kv.Value[channel]);
    }

    /// <summary>The naive forecast (of <see cref="MetricsCalculator"/>'s three) with the lowest holdout WAPE.</summary>
    public static (string? Name, double? Wape) BestNaive(BaselineMetrics baselines)
    {
        (string Name, double? Wape)[] candidates =
        [
            ("region train mean", baselines.RegionTrainMean?.Wape),
            ("last 13 weeks", baselines.RegionLast13Mean?.Wape),
            ("y[t-52]", baselines.SeasonalNaive52?.Wape),
        ];
        var best = candidates.Where(c => c.Wape is not null).OrderBy(c => c.Wape).FirstOrDefault();
        return best.Wape is null ? (null, null) : best;
    }
}
