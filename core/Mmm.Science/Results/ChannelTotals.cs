using Mmm.Science.Data;

namespace Mmm.Science.Results;

/// <summary>
/// Per-channel attribution for summary.json and channels.parquet, from the decomposition, the fit rows
/// and the panel's media: contribution, its share of the actual and of the predicted KPI, spend and ROAS,
/// over the train rows, the holdout rows and all rows.
/// </summary>
public static class ChannelTotals
{
    /// <summary>
    /// Sums over the present input rows of each split: "train" and "holdout" are the fit rows with that
    /// label, "all" is every fit row (burn-in included). A split without rows gets contribution 0, spend 0
    /// (or null) and null shares and ROAS. Spend is the column's values times <see cref="Panel.SpendPerUnit"/>.
    /// </summary>
    /// <param name="intervals">Optional [split: train, holdout, all][channel] contribution intervals; their bounds are
    /// turned into shares and ROAS with the same denominators as the point values.</param>
    /// <exception cref="ArgumentException">A decomposition row has no fit row, or a fit row is not a cell of the panel.</exception>
    public static IReadOnlyList<ChannelSummary> Compute(Panel panel, IReadOnlyList<DecompositionRow> decomposition, IReadOnlyList<FitRow> fit,
        ContributionInterval[][]? intervals = null)
    {
        var regionIndex = panel.Regions.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var periodIndex = panel.Dates.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        int channels = panel.ChannelCount;
        var spendPerUnit = Enumerable.Range(0, channels).Select(panel.SpendPerUnit).ToArray();
        var channelIndex = panel.Channels.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var train = new Sums(channels);
        var holdout = new Sums(channels);
        var all = new Sums(channels);

        var splitOf = new Dictionary<(string, DateOnly), string>(fit.Count);
        foreach (var row in fit)
        {
            if (!regionIndex.TryGetValue(row.Region, out var r) || !periodIndex.TryGetValue(row.Date, out var t) || !panel.IsPresent(r, t))
                throw new ArgumentException($"fit row ({row.Region}, {row.Date:yyyy-MM-dd}) is not a present cell of the panel");
            splitOf[(row.Region, row.Date)] = row.Split;
            foreach (var sums in SumsOf(row.Split))
            {
                sums.Rows++;
                sums.Actual += row.Actual;
                sums.Predicted += row.Predicted;
                for (int c = 0; c < channels; c++)
                    if (spendPerUnit[c] is double cost) sums.Spend[c] += panel.MediaAt(r, t, c) * cost;
            }
        }

        foreach (var row in decomposition)
        {
            if (row.ComponentType != ComponentTypes.Media || !channelIndex.TryGetValue(row.Component, out var c)) continue;
            if (!splitOf.TryGetValue((row.Region, row.Date), out var split))
                throw new ArgumentException($"decomposition row ({row.Region}, {row.Date:yyyy-MM-dd}) has no fit row");
            foreach (var sums in SumsOf(split)) sums.Contribution[c] += row.Contribution;
        }

        return Enumerable.Range(0, channels).Select(Summary).ToList();

        ChannelSummary Summary(int c)
        {
            var name = panel.Channels[c];
            bool costed = panel.CostPerUnit.TryGetValue(name, out var cost), hasSpend = spendPerUnit[c] is not null;
            var basis = costed ? SpendBases.CostPerUnit : hasSpend ? SpendBases.Column : SpendBases.None;
            return new ChannelSummary(name, basis, costed ? cost : null,
                train.Summary(c, hasSpend, intervals?[0][c]), holdout.Summary(c, hasSpend, intervals?[1][c]), all.Summary(c, hasSpend, intervals?[2][c]));
        }

        IEnumerable<Sums> SumsOf(string split)
        {
            yield return all;
            if (split == SplitLabels.Train) yield return train;
            else if (split == SplitLabels.Holdout) yield return holdout;
        }
    }

    private sealed class Sums(int channels)
    {
        public int Rows;
        public double Actual, Predicted;
        public readonly double[] Contribution = new double[channels], Spend = new double[channels];

        public ChannelSplitSummary Summary(int c, bool hasSpend, ContributionInterval? interval)
        {
            double? spend = hasSpend ? Spend[c] : null;
            var point = new ChannelSplitSummary(Contribution[c], Percent(Contribution[c], Actual), Percent(Contribution[c], Predicted), spend,
                Roas(Contribution[c], spend));
            if (interval is null || Rows == 0 || !double.IsFinite(interval.Low) || !double.IsFinite(interval.High)) return point;
            // No channel can have caused more than the whole KPI: the bound stops at 100 % of it (and at the point, were that above).
            double high = Actual > 0 ? Math.Max(Math.Min(interval.High, Actual), Contribution[c]) : interval.High;
            double low = Math.Min(Math.Max(0, interval.Low), high);
            return point with
            {
                ContributionLow = low,
                ContributionHigh = high,
                ShareOfActualLow = Percent(low, Actual),
                ShareOfActualHigh = Percent(high, Actual),
                RoasLow = Roas(low, spend),
                RoasHigh = Roas(high, spend),
            };
        }

        private static double? Roas(double contribution, double? spend) => spend is double s && s != 0 ? contribution / s : null;

        private double? Percent(double part, double whole) => Rows > 0 && whole != 0 ? 100 * part / whole : null;
    }
}
