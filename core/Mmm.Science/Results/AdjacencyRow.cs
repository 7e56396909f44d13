namespace Mmm.Science.Results;

/// <summary>One row of adjacency.parquet: the learned edge source -> target.</summary>
/// <param name="Probability">The fraction of the posterior ensemble's members whose own graph selects the edge; null without an
/// ensemble or in triangular mode.</param>
public sealed record AdjacencyRow(string Source, string Target, double Weight, bool Selected, double? Probability = null);
