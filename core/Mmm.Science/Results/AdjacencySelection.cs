namespace Mmm.Science.Results;

/// <summary>The adjacency rows with the final selection, the edges dropped to break cycles and the DAG check.</summary>
public sealed record AdjacencySelectionResult(
    IReadOnlyList<AdjacencyRow> Rows,
    IReadOnlyList<EdgeSummary> RemovedEdges,
    bool Acyclic)
{
    public IEnumerable<EdgeSummary> SelectedEdges =>
        Rows.Where(r => r.Selected).Select(r => new EdgeSummary(r.Source, r.Target, r.Weight, r.Probability));

    /// <summary>The rows with each edge's probability: the fraction of <paramref name="members"/> (each a row-major [source * C +
    /// target] selection over <paramref name="channels"/>) that select it; unchanged without members.</summary>
    public AdjacencySelectionResult WithProbabilities(IReadOnlyList<string> channels, IReadOnlyList<bool[]>? members)
    {
        if (members is not { Count: > 0 }) return this;
        int c = channels.Count;
        var index = channels.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        return this with
        {
            Rows = Rows.Select(r => r with { Probability = members.Count(m => m[index[r.Source] * c + index[r.Target]]) / (double)members.Count }).ToList(),
        };
    }
}

/// <summary>
/// Turns a learned continuous weight matrix into adjacency.parquet rows whose selected edges form a DAG.
/// Thresholding alone does not guarantee that (NOTEARS only drives h(W) towards 0), so the selection is
/// checked and, while it has a cycle, the weakest selected edge of one cycle is dropped.
/// </summary>
public static class AdjacencySelection
{
    /// <param name="weights">[C*C] row-major; weights[i*C + j] is the edge channels[i] -> channels[j]. The diagonal is ignored.</param>
    /// <param name="threshold">An edge is selected when its weight is >= threshold.</param>
    public static AdjacencySelectionResult Select(IReadOnlyList<string> channels, ReadOnlySpan<double> weights, double threshold)
    {
        int c = channels.Count;
        if (weights.Length != c * c) throw new ArgumentException($"weights has {weights.Length} entries, expected {c}x{c}");
        if (channels.Distinct(StringComparer.Ordinal).Count() != c) throw new ArgumentException("channel names must be distinct");

        var selected = new bool[c, c];
        for (int i = 0; i < c; i++)
            for (int j = 0; j < c; j++)
            {
                double w = weights[i * c + j];
                if (i != j && double.IsNaN(w)) throw new ArgumentException($"weight {channels[i]} -> {channels[j]} is NaN");
                selected[i, j] = i != j && w >= threshold;
            }

        var removed = new List<EdgeSummary>();
        while (FindCycle(selected, c) is { } cycle)
        {
            var (from, to) = Weakest(cycle, channels, weights, c);
            selected[from, to] = false;
            removed.Add(new EdgeSummary(channels[from], channels[to], weights[from * c + to]));
        }

        var rows = new List<AdjacencyRow>(c * (c - 1));
        for (int i = 0; i < c; i++)
            for (int j = 0; j < c; j++)
                if (i != j) rows.Add(new AdjacencyRow(channels[i], channels[j], weights[i * c + j], selected[i, j]));
        return new AdjacencySelectionResult(rows, removed, Acyclic: IsAcyclic(selected));
    }

    /// <summary>Kahn's topological sort of edges[from, to]: acyclic when every node can be ordered.</summary>
    public static bool IsAcyclic(bool[,] edges)
    {
        int c = edges.GetLength(0);
        if (edges.GetLength(1) != c) throw new ArgumentException("edges must be square");
        var indegree = new int[c];
        for (int i = 0; i < c; i++)
            for (int j = 0; j < c; j++)
                if (edges[i, j]) indegree[j]++;
        var ready = new Queue<int>(Enumerable.Range(0, c).Where(n => indegree[n] == 0));
        int ordered = 0;
        while (ready.TryDequeue(out int n))
        {
            ordered++;
            for (int j = 0; j < c; j++)
                if (edges[n, j] && --indegree[j] == 0) ready.Enqueue(j);
        }
        return ordered == c;
    }

    /// <summary>One cycle as its edge list, found by depth-first search from the lowest index; null when acyclic.</summary>
    private static List<(int From, int To)>? FindCycle(bool[,] edges, int c)
    {
        var state = new byte[c]; // 0 unvisited, 1 on the current path, 2 done
        var parent = new int[c];
        for (int start = 0; start < c; start++)
        {
            if (state[start] != 0) continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            parent[start] = -1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                int j = next;
                while (j < c && !edges[node, j]) j++;
                if (j == c)
                {
                    state[node] = 2;
                    continue;
                }
                stack.Push((node, j + 1));
                if (state[j] == 1)
                {
                    // Back edge node -> j closes the cycle j -> ... -> node -> j.
                    var cycle = new List<(int, int)> { (node, j) };
                    for (int n = node; n != j; n = parent[n]) cycle.Add((parent[n], n));
                    return cycle;
                }
                if (state[j] == 0)
                {
                    state[j] = 1;
                    parent[j] = node;
                    stack.Push((j, 0));
                }
            }
        }
        return null;
    }

    /// <summary>The lowest weight; ties go to the ordinally smallest (source, target).</summary>
    private static (int From, int To) Weakest(List<(int From, int To)> cycle, IReadOnlyList<string> channels, ReadOnlySpan<double> weights, int c)
    {
        var best = cycle[0];
        foreach (var edge in cycle.Skip(1))
        {
            double w = weights[edge.From * c + edge.To], bw = weights[best.From * c + best.To];
            int byName = string.CompareOrdinal(channels[edge.From], channels[best.From]);
            if (byName == 0) byName = string.CompareOrdinal(channels[edge.To], channels[best.To]);
            if (w < bw || (w == bw && byName < 0)) best = edge;
        }
        return best;
    }
}
