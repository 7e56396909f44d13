namespace Mmm.Science.Results;

/// <summary>A channel's contribution over one split, in KPI units: the 5th and 95th percentile of its posterior draws.</summary>
public sealed record ContributionInterval(double Low, double High);
