using Mmm.Science.Decisions;

namespace Mmm.Lab.Decisions;

/// <summary>The best plan under the true response, its true incremental KPI, and the ascent's iterations over all starts.</summary>
public sealed record TrueOptimumResult(double[] Spend, double Value, int Iterations);

/// <summary>
/// The true optimal allocation of a budget (<see cref="TrueResponse"/>): the same feasible set as the planner's for the same
/// request (each channel's bounds in spend over the horizon, a ratio bound times the current plan's spend; the budget, by default
/// what the current plan spends), maximised by projected-gradient ascent with a central finite-difference gradient and Armijo
/// backtracking onto the science library's <see cref="BudgetProjection"/>, from the planner's starts (the current plan scaled to
/// the budget, an equal split, each channel at its upper bound) and the current plan where it is feasible, because S-shaped
/// Hill curves make the problem non-concave.
/// </summary>
public static class TrueOptimum
{
    public const int MaxIterations = 2000;
    private const double Tolerance = 1e-12;

    public static TrueOptimumResult Find(TrueResponse response, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Spend is not null || request.Flighting || request.Objective != PlanObjective.MaxKpi)
            throw new NotSupportedException("the true optimum is found for maxKpi plans without flighting");
        if (request.HorizonWeeks != response.Horizon)
            throw new ArgumentException($"the request plans {request.HorizonWeeks} weeks, the true response {response.Horizon}", nameof(request));
        var (lower, upper) = Bounds(response, request);
        double budget = request.Budget ?? response.Current.Sum();
        return Find(s => response.Outcome(s), response.Current, lower, upper, budget);
    }

    /// <summary>The maximum of <paramref name="objective"/> over <c>{lower &lt;= s &lt;= upper, sum(s) = budget}</c>.</summary>
    public static TrueOptimumResult Find(Func<double[], double> objective, double[] current, double[] lower, double[] upper, double budget)
    {
        ArgumentNullException.ThrowIfNull(objective);
        int p = current.Length;
        double currentSum = current.Sum();
        var starts = new List<double[]>
        {
            current.Select(s => currentSum > 0 ? s * budget / currentSum : budget / p).ToArray(),
            Enumerable.Repeat(budget / p, p).ToArray(),
        };
        for (int i = 0; i < p && p > 1; i++)
            starts.Add(Enumerable.Range(0, p).Select(j => j == i ? Math.Min(upper[j], budget) : lower[j]).ToArray());
        (double[] Spend, double Value) best = (current, double.NegativeInfinity);
        bool currentFeasible = current.Select((s, i) => s >= lower[i] - 1e-9 && s <= upper[i] + 1e-9).All(x => x)
            && Math.Abs(currentSum - budget) <= 1e-9 * Math.Max(1, budget);
        if (currentFeasible) best = (current, objective(current));
        int iterations = 0;
        foreach (var start in starts)
        {
            var (s, value, n) = Ascend(objective, BudgetProjection.Project(start, lower, upper, budget), lower, upper, budget);
            iterations += n;
            if (value > best.Value) best = (s, value);
        }
        return new TrueOptimumResult(best.Spend, best.Value, iterations);
    }

    /// <summary>The planner's bounds for a request (as the science library's plan problem builds them).</summary>
    public static (double[] Lower, double[] Upper) Bounds(TrueResponse response, PlanRequest request)
    {
        int p = response.Current.Length;
        var lower = new double[p];
        var upper = new double[p];
        for (int i = 0; i < p; i++)
        {
            var bound = request.Bounds.TryGetValue(response.Channels[i], out var b) ? b : request.Default;
            double scale = bound.Kind == BoundKind.Ratio ? response.Current[i] : 1;
            lower[i] = (bound.Min ?? 0) * scale;
            upper[i] = bound.Max is double max ? max * scale : double.PositiveInfinity;
            if (lower[i] < 0 || upper[i] < lower[i] || double.IsNaN(upper[i]))
                throw new ArgumentException($"the bounds of '{response.Channels[i]}' are not 0 <= min <= max ({bound.Min}, {bound.Max})", nameof(request));
        }
        return (lower, upper);
    }

    private static (double[] Spend, double Value, int Iterations) Ascend(Func<double[], double> objective, double[] start,
        double[] lower, double[] upper, double budget)
    {
        var s = start;
        double f = objective(s);
        var g = Gradient(objective, s, budget);
        double step = 0.1 * Math.Max(budget, 1e-9) / Math.Max(g.Select(Math.Abs).Max(), 1e-300);
        int iteration = 0;
        for (; iteration < MaxIterations; iteration++)
        {
            double before = f;
            bool moved = false;
            for (int tries = 0; tries < 60; tries++, step /= 2)
            {
                var next = BudgetProjection.Project(s.Select((v, i) => v + step * g[i]).ToArray(), lower, upper, budget);
                double ascent = next.Select((v, i) => g[i] * (v - s[i])).Sum();
                if (ascent <= 0) break;
                double value = objective(next);
                if (value >= f + 1e-4 * ascent)
                {
                    (s, f, moved) = (next, value, true);
                    step *= 2;
                    break;
                }
            }
            if (!moved || f - before <= Tolerance * Math.Max(1, Math.Abs(f))) break;
            g = Gradient(objective, s, budget);
        }
        return (s, f, iteration + 1);
    }

    /// <summary>Central differences (one-sided where a spend would go below 0), with a step of 1e-6 of the mean channel's budget.</summary>
    private static double[] Gradient(Func<double[], double> objective, double[] s, double budget)
    {
        double h = 1e-6 * Math.Max(budget / s.Length, 1e-6);
        var g = new double[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            var up = (double[])s.Clone();
            var down = (double[])s.Clone();
            up[i] += h;
            down[i] = Math.Max(0, s[i] - h);
            g[i] = (objective(up) - objective(down)) / (up[i] - down[i]);
        }
        return g;
    }
}
