namespace Mmm.Science.Results;

/// <summary>One row of channels.parquet: one channel over one split (<see cref="ChannelSplits"/>), with that split's
/// figures as in summary.json (the interval columns null where no interval was computed).</summary>
public sealed record ChannelRow(string Channel, string Split, ChannelSplitSummary Values)
{
    /// <summary>The rows of channels.parquet: channel by channel in the given order, splits train, holdout, all.</summary>
    public static IReadOnlyList<ChannelRow> From(IReadOnlyList<ChannelSummary> channels) =>
        channels.SelectMany(c => new[] { (ChannelSplits.Train, c.Train), (ChannelSplits.Holdout, c.Holdout), (ChannelSplits.All, c.All) }
                .Select(s => new ChannelRow(c.Channel, s.Item1, s.Item2)))
            .ToList();
}
