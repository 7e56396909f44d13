using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Recovery;

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
    /// <summary>Each channel's true adstock and Hill shape, in <see cref="Channels"/> order, where the truth is of that form
    /// (synthetic panels of Hill channels; the half-saturation point in multiples of the channel's mean adstocked media in
    /// its region); null where it is not (a synthetic panel with a logistic channel, the PyMC example's logistic curves).</summary>
    public IReadOnlyList<ResponseCurve>? Shapes { get; init; }
    /// <summary>The generated panel and its truth, for a synthetic scenario: the generator can value any spend plan
    /// (<see cref="Decisions.TrueResponse"/>); null for a panel without a generator (the PyMC example).</summary>
    public SyntheticPanel? Synthetic { get; init; }

    /// <summary>Channels whose true contribution is exactly zero in every row.</summary>
    public IReadOnlyList<string> ZeroEffectChannels =>
        Channels.Where((_, c) => Contributions.Values.All(v => v[c] == 0.0)).ToArray();

    public static RecoveryTruth FromSynthetic(SyntheticPanel synthetic)
    {
        var truth = synthetic.Truth;
        var components = synthetic.Panel.Channels.Select(truth.ComponentIndex).ToArray();
        var specs = synthetic.Panel.Channels.Select(name => truth.Channels.Single(c => c.Name == name)).ToArray();
        var shapes = specs.All(c => c.Saturation == SaturationFamily.Hill)
            ? specs.Select(c => new ResponseCurve(c.Name, c.AdstockDecay, c.HillSlope, c.HillHalfSaturation)).ToArray()
            : null;
        var fromPanel = FromPanel(synthetic.Panel,
            (r, t, c) => truth.ContributionAt(r, t, components[c]),
            truth.Edges.Select(e => new PlantedEdge(e.Source, e.Target)).ToArray(), shapes);
        return new RecoveryTruth
        {
            Channels = fromPanel.Channels, Contributions = fromPanel.Contributions, Spend = fromPanel.Spend, Edges = fromPanel.Edges,
            Shapes = fromPanel.Shapes, Synthetic = synthetic,
        };
    }

    /// <param name="trueContribution">(region index, period index, channel index) -> true contribution, for present cells.</param>
    /// <param name="shapes">The true response curves, when the truth has adstock + Hill form (<see cref="Shapes"/>).</param>
    public static RecoveryTruth FromPanel(Panel panel, Func<int, int, int, double> trueContribution, IReadOnlyList<PlantedEdge> edges,
        IReadOnlyList<ResponseCurve>? shapes = null)
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
        if (shapes is not null && !shapes.Select(s => s.Channel).SequenceEqual(panel.Channels))
            throw new ArgumentException("the true response curves must name the panel's channels, in its order", nameof(shapes));
        return new RecoveryTruth { Channels = panel.Channels.ToArray(), Contributions = contributions, Spend = spend, Edges = edges, Shapes = shapes };
    }
}
