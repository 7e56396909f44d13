namespace Mmm.Science.Results;

/// <summary>One row of adjacency.parquet: the learned edge source -> target.</summary>
public sealed record AdjacencyRow(string Source, string Target, double Weight, bool Selected);
