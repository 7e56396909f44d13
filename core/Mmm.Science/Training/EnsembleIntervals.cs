using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>
/// Each channel's 90 % contribution interval from the posterior ensemble's members (<see cref="PosteriorEnsemble"/>):
/// order statistics chosen so that a further draw from the same posterior (the truth, if the model is right) falls inside
/// with probability at least 90 % — with M members, the i-th smallest to the i-th largest, i = max(1, ⌊0.05 (M + 1)⌋),
/// which holds a further draw with probability (M + 1 - 2i) / (M + 1) (the 5th and 95th percentiles of 20 members would
/// hold it only 81 % of the time). The members are refits of the structural model; the interval is placed at the run's
/// own number by the members' offsets from the structural fit they perturbed, and widened to hold that number.
/// </summary>
public static class EnsembleIntervals
{
    public const double Level = 0.90;

    /// <summary>Which order statistic (1 = the extremes) bounds the interval for <paramref name="members"/> members.</summary>
    public static int OrderStatistic(int members) => Math.Max(1, (int)Math.Floor((1 - Level) / 2 * (members + 1) + 1e-9)); // (1 - 0.9) / 2 is 0.04999... in binary

    /// <param name="point">[split * C] the run's contributions (KPI units).</param>
    /// <param name="structural">[split * C] the structural fit's contributions the members perturbed.</param>
    /// <param name="members">Each member's [split * C] contributions.</param>
    /// <returns>[split][channel]; null when there are fewer than two members.</returns>
    public static ContributionInterval[][]? From(double[] point, double[] structural, IReadOnlyList<double[]> members, int splits, int channels)
    {
        var finite = members.Where(m => m.All(double.IsFinite)).ToList();
        if (finite.Count < 2) return null;
        int i = OrderStatistic(finite.Count);
        return Enumerable.Range(0, splits).Select(s => Enumerable.Range(0, channels).Select(c =>
        {
            int at = s * channels + c;
            var values = finite.Select(m => m[at]).Order().ToArray();
            double shift = point[at] - structural[at];
            double low = Math.Min(point[at], values[i - 1] + shift), high = Math.Max(point[at], values[^i] + shift);
            return new ContributionInterval(Math.Max(0, low), Math.Max(0, high));
        }).ToArray()).ToArray();
    }
}
