using Mmm.Science.Results;

namespace Mmm.Science.Decisions;

/// <summary>What every run of the modulated and structural architectures adds from its saved model: response curves, carry-over,
/// and direct and total effects per channel (docs/model.md §10).</summary>
public sealed record DecisionTables(IReadOnlyList<ResponseCurveRow> Curves, IReadOnlyList<CarryoverRow> Carryover, IReadOnlyList<ChannelEffect> Effects)
{
    /// <param name="labels">[T] each week's split label.</param>
    public static DecisionTables Compute(SavedModel model, string[] labels)
    {
        using var engine = new ResponseEngine(model, [model.Point, .. model.Members]);
        return new DecisionTables(ResponseCurveBuilder.Compute(engine), CarryoverBuilder.Compute(model), ChannelEffects.Compute(engine, labels));
    }

    /// <summary>The channels' summaries with their total effects: the reported (direct) contribution plus the indirect effect.</summary>
    public IReadOnlyList<ChannelSummary> WithTotalEffects(IReadOnlyList<ChannelSummary> channels) => channels.Select(c => c with
    {
        Train = WithTotal(c.Channel, ChannelSplits.Train, c.Train),
        Holdout = WithTotal(c.Channel, ChannelSplits.Holdout, c.Holdout),
        All = WithTotal(c.Channel, ChannelSplits.All, c.All),
    }).ToList();

    private ChannelSplitSummary WithTotal(string channel, string split, ChannelSplitSummary s)
    {
        var e = Effects.Single(x => x.Channel == channel && x.Split == split);
        double total = s.Contribution + e.Indirect;
        double? low = s.ContributionLow + e.IndirectLow, high = s.ContributionHigh + e.IndirectHigh;
        double? PerSpend(double? v) => s.Spend > 0 ? v / s.Spend : null;
        return s with
        {
            TotalContribution = total, TotalContributionLow = low, TotalContributionHigh = high,
            TotalRoas = PerSpend(total), TotalRoasLow = PerSpend(low), TotalRoasHigh = PerSpend(high),
        };
    }
}
