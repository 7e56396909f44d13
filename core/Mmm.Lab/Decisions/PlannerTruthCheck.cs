using System.Diagnostics;
using Mmm.Lab.Synthetic;
using Mmm.Science.Decisions;

namespace Mmm.Lab.Decisions;

/// <summary>
/// Plans with a fitted model's saved response (<see cref="BudgetPlanner"/>; nothing of the truth reaches it) and scores the
/// recommendation under the truth: <see cref="TrueResponse"/> values the current plan, the recommendation and the
/// <see cref="TrueOptimum"/> of the same request.
/// </summary>
public static class PlannerTruthCheck
{
    public static PlannerTruthScore Score(SyntheticPanel synthetic, SavedModel model, PlanRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(model);
        request ??= new PlanRequest();
        var clock = Stopwatch.StartNew();
        var plan = BudgetPlanner.Plan(model, request);
        var response = new TrueResponse(synthetic, request.HorizonWeeks);
        var rows = plan.Channels.ToDictionary(r => r.Channel, StringComparer.Ordinal);
        var recommended = new double[response.Channels.Count];
        for (int c = 0; c < recommended.Length; c++)
        {
            string channel = response.Channels[c];
            if (!rows.TryGetValue(channel, out var row))
                throw new InvalidOperationException($"the plan has no row for '{channel}': every synthetic channel must be planned");
            // The same baseline on both sides, or the captured share means nothing.
            if (Math.Abs(row.CurrentSpend - response.Current[c]) > 1e-6 * Math.Max(1, response.Current[c]))
                throw new InvalidOperationException(
                    $"the planner's current spend of '{channel}' ({row.CurrentSpend}) is not the truth's ({response.Current[c]})");
            recommended[c] = row.RecommendedSpend;
        }
        var optimum = TrueOptimum.Find(response, request);
        double current = response.Outcome(response.Current), recommendedValue = response.Outcome(recommended);
        return new PlannerTruthScore(
            recommended.Sum(), request.HorizonWeeks, current, recommendedValue, optimum.Value, plan.Summary.Gain.Mean,
            PlanScore.CapturedGain(current, recommendedValue, optimum.Value),
            response.Channels.Select((ch, c) => new PlannerChannelSpend(ch, response.Current[c], recommended[c], optimum.Spend[c])).ToArray(),
            clock.Elapsed.TotalSeconds) { ModelGainLow = plan.Summary.Gain.Low, ModelGainHigh = plan.Summary.Gain.High };
    }
}
