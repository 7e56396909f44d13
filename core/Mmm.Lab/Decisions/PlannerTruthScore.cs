namespace Mmm.Lab.Decisions;

/// <summary>One channel's spend over the horizon: the current plan, the planner's recommendation and the true optimum.</summary>
public sealed record PlannerChannelSpend(string Channel, double Current, double Recommended, double TrueOptimum);

/// <summary>
/// The planner's recommendation for a fitted model valued under the true generating process (<see cref="PlannerTruthCheck"/>):
/// the true incremental KPI (horizon and carry-out, all channels, against the zero plan) of the current plan, of the
/// recommendation and of the true optimum for the same budget and bounds, and the share of the possible gain the
/// recommendation captured (<see cref="PlanScore.CapturedGain"/>; null when no gain is possible).
/// </summary>
public sealed record PlannerTruthScore(
    double Budget,
    int HorizonWeeks,
    double TrueCurrent,
    double TrueRecommended,
    double TrueOptimum,
    double ModelExpectedGain,
    double? CapturedGainShare,
    IReadOnlyList<PlannerChannelSpend> Channels,
    double Seconds)
{
    /// <summary>The model's 90 % interval of the plan's gain over the current plan (null without posterior members).</summary>
    public double? ModelGainLow { get; init; }
    public double? ModelGainHigh { get; init; }

    /// <summary>Whether the model's 90 % interval of its plan's gain holds the plan's true gain: is the planner honest about
    /// what its plan will bring? Null without an interval.</summary>
    public bool? GainIntervalHoldsTruth => ModelGainLow is double low && ModelGainHigh is double high
        ? TrueGainOfPlan >= low && TrueGainOfPlan <= high : null;

    /// <summary>True KPI the recommendation adds over the current plan.</summary>
    public double TrueGainOfPlan => TrueRecommended - TrueCurrent;
    /// <summary>True KPI the true optimum adds over the current plan.</summary>
    public double TrueOptimumGain => TrueOptimum - TrueCurrent;
}
