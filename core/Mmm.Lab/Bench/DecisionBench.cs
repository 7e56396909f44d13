using System.Diagnostics;
using Mmm.Science.Decisions;
using Mmm.Science.Results;

namespace Mmm.Lab.Bench;

/// <summary>Seconds for what a saved model answers without retraining, and the process's peak memory after it.</summary>
/// <param name="TablesSeconds">Response curves (every channel x 31 factors x every posterior draw), carry-over, direct and total effects.</param>
/// <param name="PlanSeconds">The default plan (the current budget over 13 weeks, bounds 0.5-2x current).</param>
/// <param name="FlightedPlanSeconds">The same plan with spend decided per week.</param>
public sealed record DecisionBenchResult(int Regions, int Weeks, int Channels, int Draws, double LoadSeconds, double TablesSeconds,
    double PlanSeconds, double FlightedPlanSeconds, long PeakRssMiB);

/// <summary>
/// Times the decision layer on a finished run's model.json (docs/model.md §10): curves and effects, an allocation and a flighted
/// plan, each computed once, the way a run's WriteOutputFiles and the planner orchestration compute them.
/// </summary>
public static class DecisionBench
{
    /// <exception cref="PlanInputException">The model cannot be planned (no channel has a spend basis).</exception>
    public static DecisionBenchResult Measure(string modelJsonPath, Action<string>? progress = null)
    {
        progress ??= _ => { };
        var clock = Stopwatch.StartNew();
        var model = SavedModelJson.Parse(File.ReadAllText(modelJsonPath), modelJsonPath);
        double load = clock.Elapsed.TotalSeconds;
        progress($"loaded in {load:F2} s");

        var labels = Enumerable.Range(0, model.PeriodCount).Select(t => t < model.TrainEnd ? SplitLabels.Train : SplitLabels.Holdout).ToArray();
        clock.Restart();
        DecisionTables.Compute(model, labels);
        double tables = clock.Elapsed.TotalSeconds;
        progress($"curves, carry-over and effects in {tables:F2} s");

        clock.Restart();
        var planned = BudgetPlanner.Plan(model, new PlanRequest());
        double plan = clock.Elapsed.TotalSeconds;
        progress($"plan in {plan:F2} s: {planned.Summary.Iterations} iterations, expected gain {planned.Summary.Gain.Mean:N0} over the current plan");

        clock.Restart();
        var flightedPlan = BudgetPlanner.Plan(model, new PlanRequest { Flighting = true });
        double flighted = clock.Elapsed.TotalSeconds;
        progress($"flighted plan in {flighted:F2} s: {flightedPlan.Summary.Iterations} iterations, expected gain {flightedPlan.Summary.Gain.Mean:N0}");

        long peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        return new DecisionBenchResult(model.Regions.Count, model.PeriodCount, model.Channels.Count, 1 + model.Members.Count, load, tables, plan,
            flighted, peak);
    }
}
