using System.Diagnostics;
using Mmm.Science.Data;
using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Decisions;

/// <summary>
/// Plans a budget on a saved model, or evaluates a given plan (docs/model.md §10). The objective is the mean over the posterior
/// draws of the incremental KPI over the horizon and its carry-out, all channels, children's response through the graph included
/// (<see cref="PlanProblem"/>). It is maximised by projected-gradient ascent on the model's own autograd (Bertsekas, Nonlinear
/// Programming §2.3: a gradient step, then <see cref="BudgetProjection"/> back onto the bounds and the budget, with an Armijo
/// backtracking step), from several starts (the current plan scaled to the budget, an equal split, and each channel at its upper
/// bound), because S-shaped Hill curves make the problem non-concave: each start climbs <see cref="ScreeningIterations"/> steps and
/// the <see cref="Finalists"/> best continue to convergence. With flighting the week shares of each channel move by
/// exponentiated gradient (mirror ascent on the simplex), alternating with the spend steps. The current plan, when it meets the
/// budget and the bounds, is a start too, so a plan never expects less than it.
/// </summary>
public static class BudgetPlanner
{
    public const int MaxIterations = 400;
    /// <summary>Steps every start climbs before the <see cref="Finalists"/> best go on to convergence.</summary>
    public const int ScreeningIterations = 5;
    public const int Finalists = 3;
    private const double Tolerance = 1e-9;

    public static PlanResult Plan(SavedModel model, PlanRequest request)
    {
        var clock = Stopwatch.StartNew();
        using var problem = new PlanProblem(model, request);
        if (request.Spend is not null) return WhatIf(problem, request, clock);
        if (request.Budget is < 0 || request.Budget is double b && !double.IsFinite(b))
            throw new PlanInputException(ErrorCodes.BadPlan, $"budget must be a finite number >= 0, not {request.Budget}", "budget");
        if (request.Objective != PlanObjective.MaxKpi && request.Target is not (> 0 and < double.PositiveInfinity))
            throw new PlanInputException(ErrorCodes.BadPlan, $"objective {request.Objective} needs a target > 0", "target");
        double sumLower = problem.Lower.Sum(), sumUpper = problem.Upper.Sum();
        double budget = request.Budget ?? (request.Objective == PlanObjective.MaxKpi ? problem.Current.Sum() : sumUpper);
        if (double.IsPositiveInfinity(budget))
            throw new PlanInputException(ErrorCodes.BadPlan, "a target objective with unbounded channels needs a budget (the most it may spend)", "budget");
        if (request.Objective == PlanObjective.MaxKpi && !BudgetProjection.Feasible(sumLower, sumUpper, budget))
            throw new PlanInputException(ErrorCodes.PlanInfeasible,
                $"the bounds allow between {sumLower:N2} and {sumUpper:N2} over the horizon, not the budget {budget:N2}; widen the bounds or change the budget", "budget");
        var notes = new List<string>();
        var (spend, shares, iterations) = request.Objective switch
        {
            PlanObjective.MaxKpi => Optimise(problem, budget, request.Flighting, null),
            _ => ForTarget(problem, request, Math.Min(budget, sumUpper), notes),
        };
        return Report(problem, request, spend, shares, iterations, clock, notes);
    }

    /// <summary>The best plan for one budget: the best of the starts' local optima (and of the current plan where it is feasible).</summary>
    private static (double[] Spend, double[,]? Shares, int Iterations) Optimise(PlanProblem problem, double budget, bool flighting, double[]? warm)
    {
        var (lower, upper) = (problem.Lower, problem.Upper);
        int p = lower.Length;
        var starts = new List<double[]>();
        if (warm is not null) starts.Add(warm);
        double current = problem.Current.Sum();
        starts.Add(problem.Current.Select(s => current > 0 ? s * budget / current : budget / p).ToArray());
        starts.Add(Enumerable.Repeat(budget / p, p).ToArray());
        for (int i = 0; i < p && p > 1; i++)
            starts.Add(Enumerable.Range(0, p).Select(j => j == i ? Math.Min(upper[j], budget) : lower[j]).ToArray());
        var candidates = starts.Select(s => BudgetProjection.Project(s, lower, upper, budget)).ToList();
        (double[] Spend, double[,]? Shares, double Value, int Iterations) best = (candidates[0], null, double.NegativeInfinity, 0);
        int total = 0;
        bool currentFeasible = problem.Current.Select((s, i) => s >= lower[i] - 1e-9 && s <= upper[i] + 1e-9).All(x => x)
            && Math.Abs(current - budget) <= 1e-9 * Math.Max(1, budget);
        if (currentFeasible) best = (problem.Current, null, Value(problem, problem.Current, null), 0);
        // Every start climbs a few steps; only the most promising go on to convergence (the starts of one basin end alike).
        var screened = candidates.Select(start => Ascend(problem, start, null, flighting, budget, ScreeningIterations)).ToList();
        total += screened.Sum(x => x.Iterations);
        foreach (var lead in screened.OrderByDescending(x => x.Value).Take(Finalists))
        {
            var (s, w, value, iterations, _) = lead.Converged ? lead : Ascend(problem, lead.Spend, lead.Shares, flighting, budget, MaxIterations);
            total += lead.Converged ? 0 : iterations;
            if (value > best.Value + Tolerance * Math.Abs(best.Value)) best = (s, w, value, iterations);
        }
        return (best.Spend, best.Shares, total);
    }

    /// <summary>Projected-gradient ascent from one start (alternating with mirror ascent on the week shares when flighting).</summary>
    private static (double[] Spend, double[,]? Shares, double Value, int Iterations, bool Converged) Ascend(PlanProblem problem, double[] start,
        double[,]? startShares, bool flighting, double budget, int maxIterations)
    {
        var s = start;
        double[,]? w = flighting ? startShares ?? Flat(s.Length, problem.Horizon) : null;
        bool converged = false;
        var (f, gs, gw) = Gradient(problem, s, w);
        double step = 0.1 * Math.Max(budget, 1e-9) / Math.Max(gs.Select(Math.Abs).Max(), 1e-12), shareStep = 1.0;
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            double before = f;
            for (int tries = 0; tries < 40; tries++, step /= 2)
            {
                var next = BudgetProjection.Project(s.Select((v, i) => v + step * gs[i]).ToArray(), problem.Lower, problem.Upper, budget);
                double moved = next.Select((v, i) => gs[i] * (v - s[i])).Sum();
                if (moved <= 0) break;
                double value = Value(problem, next, w);
                if (value >= f + 1e-4 * moved)
                {
                    (s, f) = (next, value);
                    step *= 2;
                    break;
                }
            }
            if (w is not null)
            {
                (_, _, gw) = Gradient(problem, s, w);
                double scale = gw!.Cast<double>().Select(Math.Abs).Max();
                for (int tries = 0; tries < 30 && scale > 0; tries++, shareStep /= 2)
                {
                    var next = Exponentiated(w, gw!, shareStep / scale);
                    double value = Value(problem, s, next);
                    if (value > f) { (w, f) = (next, value); shareStep *= 2; break; }
                }
            }
            (f, gs, gw) = Gradient(problem, s, w);
            if (f - before <= Tolerance * Math.Max(1, Math.Abs(f)))
            {
                converged = true;
                break;
            }
        }
        return (s, w, f, Math.Min(iteration + 1, maxIterations), converged);
    }

    private static double Value(PlanProblem problem, double[] spend, double[,]? shares)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return problem.Outcome(problem.Media(tensor(spend, float64), shares is null ? null : tensor(shares, float64))).sum(1).mean().item<double>();
    }

    /// <summary>The objective and its gradients in the spend [P] and the week shares [P, H].</summary>
    private static (double Value, double[] Spend, double[,]? Shares) Gradient(PlanProblem problem, double[] spend, double[,]? shares)
    {
        using var scope = NewDisposeScope();
        var s = tensor(spend, float64).requires_grad_();
        var w = shares is null ? null : tensor(shares, float64).requires_grad_();
        var value = problem.Outcome(problem.Media(s, w)).sum(1).mean();
        value.backward();
        double[,]? gw = null;
        if (w is not null)
        {
            var g = w.grad!.data<double>().ToArray();
            gw = new double[shares!.GetLength(0), shares.GetLength(1)];
            Buffer.BlockCopy(g, 0, gw, 0, g.Length * sizeof(double));
        }
        return (value.item<double>(), s.grad!.data<double>().ToArray(), gw);
    }

    private static double[,] Flat(int channels, int weeks)
    {
        var w = new double[channels, weeks];
        for (int p = 0; p < channels; p++) for (int h = 0; h < weeks; h++) w[p, h] = 1.0 / weeks;
        return w;
    }

    private static double[,] Exponentiated(double[,] w, double[,] g, double step)
    {
        int p = w.GetLength(0), h = w.GetLength(1);
        var next = new double[p, h];
        for (int i = 0; i < p; i++)
        {
            double max = Enumerable.Range(0, h).Max(j => g[i, j]), sum = 0;
            for (int j = 0; j < h; j++) sum += next[i, j] = w[i, j] * Math.Exp(step * (g[i, j] - max));
            for (int j = 0; j < h; j++) next[i, j] /= sum;
        }
        return next;
    }

    /// <summary>
    /// The target objectives search the budget, up to <paramref name="cap"/>, by bisection over the best plan at each budget: the
    /// plan's ROAS falls as the budget grows (diminishing returns), and so does the marginal ROAS of its next unit.
    /// </summary>
    private static (double[] Spend, double[,]? Shares, int Iterations) ForTarget(PlanProblem problem, PlanRequest request, double cap, List<string> notes)
    {
        double target = request.Target!.Value, lo = problem.Lower.Sum(), hi = cap;
        int iterations = 0;
        double Score((double[] Spend, double[,]? Shares, int Iterations) plan, double budget)
        {
            iterations += plan.Iterations;
            if (request.Objective == PlanObjective.TargetRoas)
                return budget > 0 ? Value(problem, plan.Spend, plan.Shares) / budget : double.PositiveInfinity;
            var (_, g, _) = Gradient(problem, plan.Spend, plan.Shares);
            var open = Enumerable.Range(0, g.Length).Where(i => plan.Spend[i] < problem.Upper[i] - 1e-9 * Math.Max(1, budget)).ToArray();
            return open.Length == 0 ? 0 : open.Max(i => g[i]);
        }
        var top = Optimise(problem, hi, request.Flighting, null);
        if (Score(top, hi) >= target)
        {
            notes.Add($"the target {target:G4} is still met at the most this plan may spend ({hi:N2}); the plan spends it all");
            return top with { Iterations = iterations };
        }
        var bottom = Optimise(problem, lo, request.Flighting, null);
        if (Score(bottom, lo) < target)
        {
            notes.Add($"the target {target:G4} is not reached even at the lowest spend the bounds allow ({lo:N2}); the plan spends that");
            return bottom with { Iterations = iterations };
        }
        var best = bottom;
        for (int i = 0; i < 25 && hi - lo > 1e-4 * Math.Max(1, cap); i++)
        {
            double mid = 0.5 * (lo + hi);
            var plan = Optimise(problem, mid, request.Flighting, best.Spend.Select(v => v * mid / Math.Max(best.Spend.Sum(), 1e-12)).ToArray());
            if (Score(plan, mid) >= target) { lo = mid; best = plan; } else hi = mid;
        }
        return best with { Iterations = iterations };
    }

    private static PlanResult WhatIf(PlanProblem problem, PlanRequest request, Stopwatch clock)
    {
        var m = problem.Model;
        int p = problem.Planned.Length, h = problem.Horizon;
        var weekly = new double[p, h];
        foreach (var item in request.Spend!)
        {
            int at = Array.IndexOf(problem.Planned, m.ChannelIndex(item.Channel));
            if (at < 0) throw new PlanInputException(ErrorCodes.BadPlan, $"channel '{item.Channel}' has no spend basis; it cannot be given spend", "spend");
            if (item.Week < 0 || item.Week >= h)
                throw new PlanInputException(ErrorCodes.BadPlan, $"week {item.Week} of '{item.Channel}' is outside the horizon 0..{h - 1}", "spend");
            if (!(item.Spend >= 0) || !double.IsFinite(item.Spend))
                throw new PlanInputException(ErrorCodes.BadPlan, $"spend {item.Spend} of '{item.Channel}' in week {item.Week} must be a finite number >= 0", "spend");
            weekly[at, item.Week] += item.Spend;
        }
        var spend = Enumerable.Range(0, p).Select(i => Enumerable.Range(0, h).Sum(j => weekly[i, j])).ToArray();
        var shares = new double[p, h];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < h; j++) shares[i, j] = spend[i] > 0 ? weekly[i, j] / spend[i] : 1.0 / h;
        return Report(problem, request, spend, shares, 0, clock, []);
    }

    private static PlanResult Report(PlanProblem problem, PlanRequest request, double[] spend, double[,]? shares, int iterations, Stopwatch clock, List<string> notes)
    {
        var m = problem.Model;
        int p = spend.Length;
        double[] planPerDraw, currentPerDraw;
        double[][] channelPerDraw;
        using (no_grad())
        using (NewDisposeScope())
        {
            var plan = problem.Outcome(problem.Media(tensor(spend, float64), shares is null ? null : tensor(shares, float64))); // [D, C]
            var current = problem.Outcome(problem.Media(tensor(problem.Current, float64), null));
            planPerDraw = plan.sum(1).data<double>().ToArray();
            currentPerDraw = current.sum(1).data<double>().ToArray();
            channelPerDraw = Enumerable.Range(0, p).Select(i => plan.select(1, problem.Planned[i]).data<double>().ToArray()).ToArray();
        }
        var (_, marginal, _) = Gradient(problem, spend, shares);
        bool whatIf = request.Spend is not null;
        var rows = new List<BudgetRow>(p);
        for (int i = 0; i < p; i++)
        {
            string? bound = whatIf ? null : Binding(spend[i], problem.Lower[i], problem.Upper[i], spend.Sum());
            if (bound is not null && !whatIf)
                notes.Add($"{m.Channels[problem.Planned[i]]} sits on its {bound} bound ({spend[i]:N2}); widen it to let the plan move it further");
            var kpi = DrawSummary.Of(channelPerDraw[i]);
            rows.Add(new BudgetRow(m.Channels[problem.Planned[i]], problem.Current[i], spend[i], spend[i] - problem.Current[i],
                kpi.Mean, kpi.Low, kpi.High, marginal[i], bound));
        }
        var weeks = new List<BudgetWeekRow>();
        if (shares is not null)
            for (int i = 0; i < p; i++)
                for (int j = 0; j < problem.Horizon; j++)
                    weeks.Add(new BudgetWeekRow(m.Channels[problem.Planned[i]], j, problem.Week(j), spend[i] * shares[i, j]));
        var gain = planPerDraw.Select((v, d) => v - currentPerDraw[d]).ToArray();
        if (!whatIf && rows.All(r => Math.Abs(r.Change) <= 1e-6 * Math.Max(1, spend.Sum())))
            notes.Add("the recommendation equals the current plan: " + (rows.Any(r => r.Bound is not null)
                ? "the bounds named above hold it there" : "its channels' marginal returns are already equal"));
        var summary = new PlanSummary
        {
            Kind = whatIf ? "whatIf" : "optimised",
            Objective = whatIf ? "none" : JsonNamingPolicyCamel(request.Objective.ToString()),
            Target = request.Target,
            HorizonWeeks = problem.Horizon,
            FirstWeek = problem.Week(0),
            CarryOutWeeks = problem.CarryOutWeeks,
            Budget = spend.Sum(),
            CurrentSpend = problem.Current.Sum(),
            ExpectedIncrementalKpi = DrawSummary.Of(planPerDraw),
            CurrentIncrementalKpi = DrawSummary.Of(currentPerDraw),
            Gain = DrawSummary.Of(gain),
            ProbabilityBeatsCurrent = gain.Count(g => g > 0) / (double)gain.Length,
            Draws = problem.Draws,
            HeldChannels = problem.Held,
            Notes = notes,
            Iterations = iterations,
            Seconds = clock.Elapsed.TotalSeconds,
        };
        return new PlanResult(summary, rows, weeks);
    }

    private static string? Binding(double spend, double lower, double upper, double budget)
    {
        double tolerance = 1e-6 * Math.Max(1, budget);
        if (upper - lower <= tolerance) return PlanBounds.Fixed;
        if (spend <= lower + tolerance) return PlanBounds.Lower;
        if (spend >= upper - tolerance) return PlanBounds.Upper;
        return null;
    }

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
