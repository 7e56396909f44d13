namespace Mmm.Science.Decisions;

/// <summary>
/// One point of a channel's response curve (response_curves.parquet): the channel's spend over the curve's window scaled by
/// <see cref="Factor"/>, everything else held, and the KPI it adds over the window and after it (carry-out) against zero spend
/// in the window. Spend, ROAS and marginal ROAS are null for a channel without a spend basis (ROAS also at spend 0); the
/// bounds are the 90 % interval over the posterior draws (null without the ensemble).
/// </summary>
public sealed record ResponseCurveRow(
    string Channel, double Factor, bool IsCurrent, DateOnly WindowStart, DateOnly WindowEnd, double? Spend,
    double IncrementalKpi, double? IncrementalKpiLow, double? IncrementalKpiHigh,
    double? Roas, double? RoasLow, double? RoasHigh,
    double? MarginalRoas, double? MarginalRoasLow, double? MarginalRoasHigh);

/// <summary>
/// One week of a channel's carry-over (carryover.parquet): the share of a unit of media's effect that lands
/// <see cref="Week"/> weeks after the week it ran, <c>(1 - a) a^week</c> for the fitted decay a (exact for the adstocked media,
/// and for the effect where the curve is locally linear), with its 90 % interval over the posterior draws.
/// </summary>
public sealed record CarryoverRow(string Channel, int Week, double Share, double? ShareLow, double? ShareHigh, double CumulativeShare);
