using Mmm.Science.Training;

namespace Mmm.Science.Decisions;

/// <summary>
/// A 90 % interval from the posterior draws by the attribution intervals' rule (<see cref="EnsembleIntervals.OrderStatistic"/>:
/// the i-th smallest to the i-th largest member), widened to hold the point; null bounds with fewer than two members.
/// </summary>
public static class DrawInterval
{
    public static (double? Low, double? High) Of(double point, IEnumerable<double> members)
    {
        var sorted = members.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length < 2) return (null, null);
        int i = EnsembleIntervals.OrderStatistic(sorted.Length);
        return (Math.Min(point, sorted[i - 1]), Math.Max(point, sorted[^i]));
    }
}
