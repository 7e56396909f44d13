namespace Mmm.Science.Results;

/// <summary>One row of channels.parquet: one channel over one split (<see cref="ChannelSplits"/>); fields as in <see cref="ChannelSplitSummary"/>
/// (the interval columns null where no interval was computed).</summary>
public sealed record ChannelRow(
    string Channel,
    string Split,
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
    /// <summary>The rows of channels.parquet: channel by channel in the given order, splits train, holdout, all.</summary>
    public static IReadOnlyList<ChannelRow> From(IReadOnlyList<ChannelSummary> channels) =>
        channels.SelectMany(c => new[] { (ChannelSplits.Train, c.Train), (ChannelSplits.Holdout, c.Holdout), (ChannelSplits.All, c.All) }
                .Select(s => new ChannelRow(c.Channel, s.Item1, s.Item2.Contribution, s.Item2.ShareOfActual, s.Item2.ShareOfPredicted,
                    s.Item2.Spend, s.Item2.Roas, s.Item2.ContributionLow, s.Item2.ContributionHigh, s.Item2.ShareOfActualLow,
                    s.Item2.ShareOfActualHigh, s.Item2.RoasLow, s.Item2.RoasHigh)))
            .ToList();
}
