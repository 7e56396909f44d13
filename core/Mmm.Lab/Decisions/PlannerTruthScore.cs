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
    /// <summary>True KPI the recommendation adds over the current plan.</summary>
    public double TrueGainOfPlan => TrueRecommended - TrueCurrent;
    /// <summary>True KPI the true optimum adds over the current plan.</summary>
    public double TrueOptimumGain => TrueOptimum - TrueCurrent;
}
