namespace Mmm.Lab.Recovery;

/// <summary>How a learned channel graph differs from the planted one.</summary>
/// <param name="Shd">Structural Hamming distance: the number of channel pairs whose edge differs.</param>
/// <param name="Missing">Planted edges with no edge at all between the pair.</param>
/// <param name="Extra">Selected edges between a pair with no planted edge (or beside the planted one).</param>
/// <param name="Reversed">Planted edges that were selected the other way round, as the selected edge.</param>
public sealed record GraphDifference(int Shd, IReadOnlyList<PlantedEdge> Missing, IReadOnlyList<PlantedEdge> Extra, IReadOnlyList<PlantedEdge> Reversed);

/// <summary>
/// Structural Hamming distance between directed graphs, counted per unordered pair of channels: a pair counts 1
/// when its edges differ (one missing, one extra, or one pointing the other way), so a reversed edge costs 1, not 2.
/// </summary>
public static class StructuralHammingDistance
{
    public static GraphDifference Compare(IEnumerable<PlantedEdge> planted, IEnumerable<PlantedEdge> selected)
    {
        var truth = planted.Where(e => e.Source != e.Target).ToHashSet();
        var found = selected.Where(e => e.Source != e.Target).ToHashSet();
        var missing = new List<PlantedEdge>();
        var extra = new List<PlantedEdge>();
        var reversed = new List<PlantedEdge>();
        int shd = 0;
        var pairs = truth.Concat(found)
            .Select(e => string.CompareOrdinal(e.Source, e.Target) < 0 ? (A: e.Source, B: e.Target) : (A: e.Target, B: e.Source))
            .Distinct()
            .OrderBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal);
        foreach (var (a, b) in pairs)
        {
            PlantedEdge[] both = [new(a, b), new(b, a)];
            var inTruth = both.Where(truth.Contains).ToArray();
            var inFound = both.Where(found.Contains).ToArray();
            if (inTruth.SequenceEqual(inFound)) continue;
            shd++;
            bool isReversal = inTruth.Length == 1 && inFound.Length == 1;
            if (isReversal) reversed.Add(inFound[0]);
            else
            {
                missing.AddRange(inTruth.Except(inFound));
                extra.AddRange(inFound.Except(inTruth));
            }
        }
        return new GraphDifference(shd, missing, extra, reversed);
    }
}
