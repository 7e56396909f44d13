namespace Mmm.Lab.Synthetic;

/// <summary>A channel's total true contribution (KPI units) and its share of the total KPI over some weeks.</summary>
public sealed record ChannelShare(string Channel, double Contribution, double Share);
