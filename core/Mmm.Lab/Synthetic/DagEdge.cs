namespace Mmm.Lab.Synthetic;

/// <summary>A planted causal edge between channels: <see cref="Source"/> drives <see cref="Target"/>.</summary>
/// <param name="Share">Share of the target's mean activity driven by the source (gamma).</param>
public sealed record DagEdge(string Source, string Target, double Share);
