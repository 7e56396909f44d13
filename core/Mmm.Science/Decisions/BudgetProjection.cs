namespace Mmm.Science.Decisions;

/// <summary>
/// Euclidean projection onto the budget's feasible set <c>{ s : lower &lt;= s &lt;= upper, sum(s) = total }</c>, the
/// step of projected-gradient ascent (Bertsekas, Nonlinear Programming, §2.3). The projection is
/// <c>clip(v - lambda, lower, upper)</c> for the one <c>lambda</c> whose result sums to <c>total</c>; the sum falls
/// monotonically in <c>lambda</c>, so bisection finds it. Written here (some 30 lines) because no package served to
/// this build offers a bound- and sum-constrained optimiser (see docs/model.md §10).
/// </summary>
public static class BudgetProjection
{
    /// <exception cref="ArgumentException">The bounds exclude the total (sum of lower bounds above it, or of upper bounds below it).</exception>
    public static double[] Project(ReadOnlySpan<double> v, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double total)
    {
        int n = v.Length;
        if (lower.Length != n || upper.Length != n) throw new ArgumentException("v, lower and upper must have the same length");
        double sumLower = 0, sumUpper = 0;
        for (int i = 0; i < n; i++) { sumLower += lower[i]; sumUpper += upper[i]; }
        if (!Feasible(sumLower, sumUpper, total))
            throw new ArgumentException($"the bounds allow a total between {sumLower:G6} and {sumUpper:G6}, not {total:G6}");
        double lo = double.MaxValue, hi = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            lo = Math.Min(lo, v[i] - upper[i]);
            hi = Math.Max(hi, v[i] - lower[i]);
        }
        var s = new double[n];
        for (int iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(hi)); iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (Sum(v, lower, upper, mid) > total) lo = mid; else hi = mid;
        }
        double lambda = 0.5 * (lo + hi), sum = 0;
        for (int i = 0; i < n; i++) sum += s[i] = Math.Clamp(v[i] - lambda, lower[i], upper[i]);
        // Bisection leaves a residual of rounding size; spread it over the coordinates strictly inside their bounds.
        double rest = total - sum;
        for (int i = 0; i < n && Math.Abs(rest) > 0; i++)
        {
            double moved = Math.Clamp(s[i] + rest, lower[i], upper[i]) - s[i];
            s[i] += moved;
            rest -= moved;
        }
        return s;
    }

    /// <summary>Whether bounds summing to [<paramref name="sumLower"/>, <paramref name="sumUpper"/>] admit <paramref name="total"/> (to rounding).</summary>
    public static bool Feasible(double sumLower, double sumUpper, double total) =>
        sumLower <= total * (1 + 1e-12) + 1e-12 && sumUpper >= total * (1 - 1e-12) - 1e-12;

    private static double Sum(ReadOnlySpan<double> v, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double lambda)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++) sum += Math.Clamp(v[i] - lambda, lower[i], upper[i]);
        return sum;
    }
}
