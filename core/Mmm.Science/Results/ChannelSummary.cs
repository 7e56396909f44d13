namespace Mmm.Science.Results;

/// <summary>
/// A channel's attribution in summary.json: what its media contributed over the train weeks, the holdout
/// weeks and all weeks of the input, against the KPI and against what it cost.
/// </summary>
/// <param name="SpendBasis">How spend is known, one of <see cref="SpendBases"/>.</param>
/// <param name="CostPerUnit">The run config's cost of one unit of the column; null when the column is spend itself or has no cost.</param>
public sealed record ChannelSummary(
    string Channel,
    string SpendBasis,
    double? CostPerUnit,
    ChannelSplitSummary Train,
    ChannelSplitSummary Holdout,
    ChannelSplitSummary All);

/// <summary>
/// A channel over one split (<see cref="ChannelSplits"/>): the present input rows labelled train, those
/// labelled holdout, or every present row (burn-in weeks included).
/// </summary>
/// <param name="Contribution">The channel's summed media contribution over the split's rows, in KPI units.</param>
/// <param name="ShareOfActual">Contribution in percent of the summed actual KPI over the same rows; null when the split has no rows or that sum is 0.</param>
/// <param name="ShareOfPredicted">Contribution in percent of the summed prediction (fit.parquet's predicted, the sum of the decomposition) over the same rows; null like <paramref name="ShareOfActual"/>.</param>
/// <param name="Spend">Summed spend over the split's rows (column values x cost per unit); null when the channel's spend is unknown.</param>
/// <param name="Roas">Contribution / spend, KPI units per unit of spend; null without spend or when spend is 0.</param>
/// <param name="ContributionLow">Lower bound of the contribution's 90 % interval (<see cref="ContributionInterval"/>); null when
/// not computed (the reference architecture, or <c>ensembleMembers</c> 0). <paramref name="ContributionHigh"/>: the upper bound.</param>
/// <param name="ShareOfActualLow">The interval's bounds as shares of the actual KPI (same denominator as <paramref name="ShareOfActual"/>).</param>
/// <param name="RoasLow">The interval's bounds over spend (same denominator as <paramref name="Roas"/>).</param>
public sealed record ChannelSplitSummary(
    double Contribution,
    double? ShareOfActual,
    double? ShareOfPredicted,
    double? Spend,
    double? Roas,
    double? ContributionLow = null,
    double? ContributionHigh = null,
    double? ShareOfActualLow = null,
    double? ShareOfActualHigh = null,
    double? RoasLow = null,
    double? RoasHigh = null)
{
    /// <summary>The channel's total effect (docs/model.md §10): <see cref="Contribution"/> (its direct effect) plus what it causes
    /// through the channels it drives in the selected graph; equal to it for a channel without children; null for the reference
    /// architecture. <see cref="TotalContributionLow"/>/<see cref="TotalContributionHigh"/>: the direct interval plus the indirect
    /// part's interval from the same posterior draws.</summary>
    public double? TotalContribution { get; init; }
    public double? TotalContributionLow { get; init; }
    public double? TotalContributionHigh { get; init; }
    /// <summary><see cref="TotalContribution"/> / <see cref="Spend"/>, and its bounds.</summary>
    public double? TotalRoas { get; init; }
    public double? TotalRoasLow { get; init; }
    public double? TotalRoasHigh { get; init; }
}

/// <summary>Values of <see cref="ChannelSummary.SpendBasis"/>.</summary>
public static class SpendBases
{
    /// <summary>The column is spend (media_*, spend_*, or a column named as media in the run config).</summary>
    public const string Column = "column";
    /// <summary>The column holds units; spend is units x the run config's costPerUnit.</summary>
    public const string CostPerUnit = "costPerUnit";
    /// <summary>An impressions_* column without a cost per unit: no spend, no ROAS.</summary>
    public const string None = "none";
}

/// <summary>The splits of channels.parquet and of summary.json's channel entries.</summary>
public static class ChannelSplits
{
    public const string Train = SplitLabels.Train, Holdout = SplitLabels.Holdout, All = "all";
}
