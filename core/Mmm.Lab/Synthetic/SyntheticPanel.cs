using Mmm.Science.Data;

namespace Mmm.Lab.Synthetic;

/// <summary>A generated panel together with the truth that produced it.</summary>
public sealed class SyntheticPanel
{
    public required Panel Panel { get; init; }
    public required SyntheticTruth Truth { get; init; }

    /// <summary>
    /// Each channel's true ROAS over every present cell: its true contribution over its spend (the media
    /// column's values are spend). 0 for a channel with zero effect.
    /// </summary>
    public IReadOnlyList<ChannelRoas> TrueRoas()
    {
        var result = new ChannelRoas[Panel.ChannelCount];
        for (int c = 0; c < Panel.ChannelCount; c++)
        {
            int component = Truth.ComponentIndex(Panel.Channels[c]);
            double contribution = 0.0, spend = 0.0;
            for (int r = 0; r < Panel.RegionCount; r++)
                for (int t = 0; t < Panel.PeriodCount; t++)
                {
                    if (!Panel.IsPresent(r, t)) continue;
                    contribution += Truth.ContributionAt(r, t, component);
                    spend += Panel.MediaAt(r, t, c);
                }
            result[c] = new ChannelRoas(Panel.Channels[c], contribution, spend, spend > 0 ? contribution / spend : 0.0);
        }
        return result;
    }
}

/// <summary>A channel's total contribution (KPI units), total spend and their ratio.</summary>
public sealed record ChannelRoas(string Channel, double Contribution, double Spend, double Roas);
