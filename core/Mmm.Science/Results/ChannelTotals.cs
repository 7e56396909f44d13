namespace Mmm.Science.Results;

/// <summary>Per-channel totals and shares for summary.json, computed from the decomposition and fit rows.</summary>
public static class ChannelTotals
{
    /// <summary>
    /// For each channel: its summed media contribution over the train rows and over all rows, and each as a
    /// share of the summed prediction over the same rows (null-free: a zero denominator gives share 0).
    /// </summary>
    public static IReadOnlyList<ChannelSummary> Compute(
        IReadOnlyList<string> channels,
        IReadOnlyList<DecompositionRow> decomposition,
        IReadOnlyList<FitRow> fit)
    {
        var splitOf = new Dictionary<(string, DateOnly), string>(fit.Count);
        double trainPredicted = 0, totalPredicted = 0;
        foreach (var row in fit)
        {
            splitOf[(row.Region, row.Date)] = row.Split;
            totalPredicted += row.Predicted;
            if (row.Split == SplitLabels.Train) trainPredicted += row.Predicted;
        }

        var train = channels.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal);
        var total = channels.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal);
        foreach (var row in decomposition)
        {
            if (row.ComponentType != ComponentTypes.Media || !total.ContainsKey(row.Component)) continue;
            if (!splitOf.TryGetValue((row.Region, row.Date), out var split))
                throw new ArgumentException($"decomposition row ({row.Region}, {row.Date:yyyy-MM-dd}) has no fit row");
            total[row.Component] += row.Contribution;
            if (split == SplitLabels.Train) train[row.Component] += row.Contribution;
        }

        return channels
            .Select(c => new ChannelSummary(c, train[c], Share(train[c], trainPredicted), total[c], Share(total[c], totalPredicted)))
            .ToList();
    }

    private static double Share(double part, double whole) => whole != 0 ? part / whole : 0;
}
