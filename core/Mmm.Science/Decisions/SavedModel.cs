using System.Text.Json.Nodes;

namespace Mmm.Science.Decisions;

/// <summary>
/// What a finished run saves so that curves, effects and plans can be computed again without retraining (model.json,
/// docs/contract.md): the panel's calendar and media history, the scalers, the costs, the selected channel graph with its
/// media coefficients, the structural fit's response and the posterior ensemble's draws, and the effective options.
/// The GRU modulation of the <c>modulated</c> architecture is not saved: it is centred over the fitted weeks (it moves no
/// channel's average credit) and unknown for weeks the model has not seen, so decisions use the stable effects (§10).
/// </summary>
public sealed record SavedModel
{
    public const int CurrentFormatVersion = 1;
    public const string FileName = "model.json";

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string KpiName { get; init; }
    public required string Architecture { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required IReadOnlyList<string> Channels { get; init; }
    public required IReadOnlyList<DateOnly> Dates { get; init; }
    public required int StepDays { get; init; }
    /// <summary>The first holdout week (the panel's week count without a holdout).</summary>
    public required int TrainEnd { get; init; }
    /// <summary>[R] KPI units per scaled KPI unit.</summary>
    public required double[] KpiDivisor { get; init; }
    /// <summary>[R*C] raw media units per scaled media unit.</summary>
    public required double[] MediaDivisor { get; init; }
    /// <summary>[C] cost of one media unit; null where the channel has no spend basis (it cannot be budgeted).</summary>
    public required double?[] SpendPerUnit { get; init; }
    /// <summary>[R*T*C] the panel's raw media.</summary>
    public required double[] Media { get; init; }
    /// <summary>[R*T]</summary>
    public required bool[] Present { get; init; }
    public required IReadOnlyList<GraphEdge> Edges { get; init; }
    /// <summary>The run's structural fit.</summary>
    public required ResponseDraw Point { get; init; }
    /// <summary>The posterior ensemble's members (empty with <c>ensembleMembers: 0</c>).</summary>
    public required IReadOnlyList<ResponseDraw> Members { get; init; }
    /// <summary>The run's effective config, for the record.</summary>
    public JsonObject? Options { get; init; }

    public int RegionCount => Regions.Count;
    public int ChannelCount => Channels.Count;
    public int PeriodCount => Dates.Count;

    /// <summary>The draws decisions average over: the members, or the point alone without them.</summary>
    public IReadOnlyList<ResponseDraw> Posterior => Members.Count > 0 ? Members : [Point];

    public int ChannelIndex(string channel)
    {
        for (int c = 0; c < Channels.Count; c++)
            if (Channels[c] == channel) return c;
        return -1;
    }

    public CurrentSpend Current(int windowWeeks = CurrentSpend.DefaultWindowWeeks) =>
        CurrentSpend.From(Media, Present, RegionCount, PeriodCount, ChannelCount, SpendPerUnit, windowWeeks);
}
