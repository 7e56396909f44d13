namespace Mmm.Science.Decisions;

/// <summary>What a plan optimises (docs/contract.md "Plan requests").</summary>
public enum PlanObjective
{
    /// <summary>The most incremental KPI for the budget.</summary>
    MaxKpi,
    /// <summary>The largest spend, up to the budget, whose optimal plan still returns at least <see cref="PlanRequest.Target"/> KPI per unit of spend.</summary>
    TargetRoas,
    /// <summary>The spend, up to the budget, at which the optimal plan's next unit returns <see cref="PlanRequest.Target"/>: no more is spent
    /// where it returns less.</summary>
    TargetMarginalRoas,
}

/// <summary>Whether a bound is in spend over the horizon or a multiple of the channel's current spend over it.</summary>
public enum BoundKind { Ratio, Absolute }

/// <summary>A channel's spend bounds over the horizon; a null side is 0 (lower) or unbounded (upper).</summary>
public sealed record ChannelBound(double? Min, double? Max, BoundKind Kind = BoundKind.Ratio);

/// <summary>One channel's spend in one week of the horizon (0 = the first week after the panel), for what-if plans.</summary>
public sealed record PlannedSpend(string Channel, int Week, double Spend);

/// <summary>
/// A budget question to a saved model: plan <see cref="HorizonWeeks"/> weeks after the panel's last week with
/// <see cref="Budget"/> (default: what the current plan spends over them), within each channel's bounds (default
/// <see cref="DefaultBound"/>), for an objective; or, with <see cref="Spend"/>, evaluate that plan (what-if).
/// </summary>
public sealed record PlanRequest
{
    public const int DefaultHorizonWeeks = 13;
    /// <summary>Half to twice the current spend: the planner stays near what the data have seen unless told otherwise.</summary>
    public static ChannelBound DefaultBound { get; } = new(0.5, 2.0, BoundKind.Ratio);

    public double? Budget { get; init; }
    public int HorizonWeeks { get; init; } = DefaultHorizonWeeks;
    public PlanObjective Objective { get; init; } = PlanObjective.MaxKpi;
    public double? Target { get; init; }
    /// <summary>Per channel; channels not named get <see cref="Default"/>.</summary>
    public IReadOnlyDictionary<string, ChannelBound> Bounds { get; init; } = new Dictionary<string, ChannelBound>();
    public ChannelBound Default { get; init; } = DefaultBound;
    /// <summary>Decide spend per week too, not only per channel.</summary>
    public bool Flighting { get; init; }
    /// <summary>A plan to evaluate instead of optimising (channel x week spend; weeks not given spend nothing).</summary>
    public IReadOnlyList<PlannedSpend>? Spend { get; init; }
}
