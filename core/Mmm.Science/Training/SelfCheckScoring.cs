using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>
/// Scores the self-check's refits (<see cref="SelfCheckRefits"/>) against the truth they were simulated from, over all
/// rows. A refit's interval is the run's own interval moved to the refit's number (its offsets below and above the run's
/// point): the interval the run would have reported on that panel, if its width carries over, which is what the check
/// tests. Refitting every simulated panel with its own ensemble would cost K ensembles. An interval cut at zero stays at
/// zero for every refit.
/// </summary>
internal static class SelfCheckScoring
{
    /// <param name="kpi">The actual KPI summed over all rows (the shares' denominator).</param>
    /// <param name="truth">[C] the fitted structural model's contributions over all rows: the simulated panels' truth.</param>
    /// <param name="refits">Each refit's [C] contributions over all rows.</param>
    /// <param name="point">[C] the run's contributions over all rows.</param>
    /// <param name="intervals">[C] the run's intervals over all rows; null: no coverage is scored.</param>
    public static SelfCheckResult Score(IReadOnlyList<string> channels, double kpi, double[] truth, IReadOnlyList<double[]> refits, double[] point,
        ContributionInterval[]? intervals)
    {
        double Share(double contribution) => kpi != 0 ? 100 * contribution / kpi : 0;
        int coveredAll = 0, countAll = 0;
        var rows = channels.Select((name, c) =>
        {
            var shares = refits.Select(r => Share(r[c])).ToArray();
            double trueShare = Share(truth[c]);
            int covered = 0;
            if (intervals is not null)
                foreach (var r in refits)
                {
                    // An interval that reaches zero ("between nothing and this") reaches zero for every refit.
                    double low = intervals[c].Low <= 0 ? 0 : r[c] + intervals[c].Low - point[c], high = r[c] + intervals[c].High - point[c];
                    if (low <= truth[c] && truth[c] <= high) covered++;
                }
            if (intervals is not null) { coveredAll += covered; countAll += refits.Count; }
            return new SelfCheckChannel(name, trueShare, shares.DefaultIfEmpty(trueShare).Average(),
                shares.Select(s => Math.Abs(s - trueShare)).DefaultIfEmpty(0).Average(), covered);
        }).ToList();
        return new SelfCheckResult(refits.Count, rows, coveredAll, countAll);
    }
}
