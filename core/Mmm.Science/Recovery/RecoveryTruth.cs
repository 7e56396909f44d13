using Mmm.Science.Data;
using Mmm.Science.Synthetic;

namespace Mmm.Science.Recovery;

/// <summary>A panel row's key, as in decomposition.parquet and fit.parquet.</summary>
public readonly record struct RowKey(string Region, DateOnly Date);

/// <summary>A planted causal edge between two channels.</summary>
public sealed record PlantedEdge(string Source, string Target);

/// <summary>
/// What is known to be true about one panel, keyed like the product's output rows: each present row's true
/// contribution of every channel (KPI units) and its spend (the media column's value), and the planted edges.
/// </summary>
public sealed class RecoveryTruth
{
    public required IReadOnlyList<string> Channels { get; init; }
    /// <summary>Row -> true contribution per channel, in <see cref="Channels"/> order.</summary>
    public required IReadOnlyDictionary<RowKey, double[]> Contributions { get; init; }
    /// <summary>Row -> spend per channel, in <see cref="Channels"/> order.</summary>
    public required IReadOnlyDictionary<RowKey, double[]> Spend { get; init; }
    public required IReadOnlyList<PlantedEdge> Edges { get; init; }

    /// <summary>Channels whose true contribution is exactly zero in every row.</summary>
    public IReadOnlyList<string> ZeroEffectChannels =>
        Channels.Where((_, c) => Contributions.Values.All(v => v[c] == 0.0)).ToArray();

    public static RecoveryTruth FromSynthetic(SyntheticPanel synthetic)
    {
        var truth = synthetic.Truth;
        var components = synthetic.Panel.Channels.Select(truth.ComponentIndex).ToArray();
        return FromPanel(synthetic.Panel,
            (r, t, c) => truth.ContributionAt(r, t, components[c]),
            truth.Edges.Select(e => new PlantedEdge(e.Source, e.Target)).ToArray());
    }

    /// <param name="trueContribution">(region index, period index, channel index) -> true contribution, for present cells.</param>
    public static RecoveryTruth FromPanel(Panel panel, Func<int, int, int, double> trueContribution, IReadOnlyList<PlantedEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(panel);
        foreach (var edge in edges)
            if (!panel.Channels.Contains(edge.Source) || !panel.Channels.Contains(edge.Target))
                throw new ArgumentException($"planted edge {edge.Source} -> {edge.Target} names a channel the panel does not have", nameof(edges));
        var contributions = new Dictionary<RowKey, double[]>(panel.RowCount);
        var spend = new Dictionary<RowKey, double[]>(panel.RowCount);
        for (int r = 0; r < panel.RegionCount; r++)
            for (int t = 0; t < panel.PeriodCount; t++)
            {
                if (!panel.IsPresent(r, t)) continue;
                var key = new RowKey(panel.Regions[r], panel.Dates[t]);
                contributions[key] = Enumerable.Range(0, panel.ChannelCount).Select(c => trueContribution(r, t, c)).ToArray();
                spend[key] = Enumerable.Range(0, panel.ChannelCount).Select(c => panel.MediaAt(r, t, c)).ToArray();
            }
        return new RecoveryTruth { Channels = panel.Channels.ToArray(), Contributions = contributions, Spend = spend, Edges = edges };
    }
}
