namespace Mmm.Science.Decisions;

/// <summary>
/// One channel's effect over one split of the panel's weeks, in KPI units, from the saved structural response: switching the
/// channel off over every week, <see cref="Direct"/> is what its own contribution drops by, <see cref="Indirect"/> what the
/// other channels' contributions drop by as its children's media respond through the selected graph (docs/model.md §10).
/// </summary>
public sealed record ChannelEffect(string Channel, string Split, double Direct, double Indirect, double? IndirectLow, double? IndirectHigh);
