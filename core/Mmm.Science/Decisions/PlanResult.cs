namespace Mmm.Science.Decisions;

/// <summary>One channel of a plan (budget.parquet). Spends are totals over the horizon; the expected incremental KPI is the
/// channel's own contribution over the horizon and its carry-out against spending nothing (its children's response to it shows in
/// their rows), the mean over the posterior draws with their 90 % interval; the marginal ROAS is the KPI the plan's next unit of
/// spend on this channel adds, children included. <see cref="Bound"/> names a bound the recommendation sits on (<see cref="PlanBounds"/>).</summary>
public sealed record BudgetRow(string Channel, double CurrentSpend, double RecommendedSpend, double Change,
    double ExpectedIncrementalKpi, double? ExpectedIncrementalKpiLow, double? ExpectedIncrementalKpiHigh, double MarginalRoas, string? Bound);

/// <summary>One channel's spend in one week of the horizon (budget_weeks.parquet, written for flighted and what-if plans).</summary>
public sealed record BudgetWeekRow(string Channel, int Week, DateOnly Date, double Spend);

/// <summary>Values of <see cref="BudgetRow.Bound"/>.</summary>
public static class PlanBounds
{
    public const string Lower = "lower", Upper = "upper", Fixed = "fixed";
}

/// <summary>A distribution over the posterior draws: the mean and the 90 % interval (null bounds with fewer than two draws).</summary>
public sealed record DrawSummary(double Mean, double? Low, double? High)
{
    public static DrawSummary Of(IReadOnlyList<double> draws)
    {
        double mean = draws.Average();
        var (low, high) = draws.Count >= 2 ? DrawInterval.Of(mean, draws) : (null, null);
        return new DrawSummary(mean, low, high);
    }
}

/// <summary>The plan's summary (plan.json, and summary.json's <c>plan</c>).</summary>
public sealed record PlanSummary
{
    /// <summary><c>optimised</c> or <c>whatIf</c>.</summary>
    public required string Kind { get; init; }
    public required string Objective { get; init; }
    public double? Target { get; init; }
    public required int HorizonWeeks { get; init; }
    public required DateOnly FirstWeek { get; init; }
    public required int CarryOutWeeks { get; init; }
    public required double Budget { get; init; }
    public required double CurrentSpend { get; init; }
    /// <summary>Incremental KPI of the plan over the horizon and its carry-out, all channels, against spending nothing.</summary>
    public required DrawSummary ExpectedIncrementalKpi { get; init; }
    public required DrawSummary CurrentIncrementalKpi { get; init; }
    /// <summary>Plan minus current, draw by draw.</summary>
    public required DrawSummary Gain { get; init; }
    /// <summary>Share of the posterior draws in which the plan adds more KPI than the current plan.</summary>
    public required double ProbabilityBeatsCurrent { get; init; }
    public required int Draws { get; init; }
    /// <summary>Channels without a spend basis, held at their current media.</summary>
    public required IReadOnlyList<string> HeldChannels { get; init; }
    /// <summary>What a reader needs to know: which bounds bind, a target not reached.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    public int Iterations { get; init; }
    public double Seconds { get; init; }
}

public sealed record PlanResult(PlanSummary Summary, IReadOnlyList<BudgetRow> Channels, IReadOnlyList<BudgetWeekRow> Weeks);
