namespace Mmm.Science.Results;

/// <summary>
/// A channel's 90 % contribution interval over one split, in KPI units: the 5th and 95th percentiles of its posterior
/// draws less their median, added to the point estimate (cut at 0; docs/model.md §8).
/// </summary>
public sealed record ContributionInterval(double Low, double High);
