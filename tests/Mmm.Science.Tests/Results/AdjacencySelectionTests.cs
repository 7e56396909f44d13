using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

public class AdjacencySelectionTests
{
    private static double[] Matrix(int c, params (int From, int To, double W)[] edges)
    {
        var w = new double[c * c];
        foreach (var (from, to, weight) in edges) w[from * c + to] = weight;
        return w;
    }

    private static bool IsSelected(AdjacencySelectionResult result, string source, string target) =>
        result.Rows.Single(r => r.Source == source && r.Target == target).Selected;

    [Fact]
    public void Acyclic_selection_is_kept_as_thresholded()
    {
        string[] channels = ["a", "b", "c"];
        var w = Matrix(3, (0, 1, 0.9), (1, 2, 0.5), (0, 2, 0.2), (2, 0, -0.7));
        w[0] = 5; // the diagonal is ignored
        var result = AdjacencySelection.Select(channels, w, threshold: 0.3);

        Assert.Equal(6, result.Rows.Count); // every ordered pair i != j
        Assert.DoesNotContain(result.Rows, r => r.Source == r.Target);
        Assert.Equal([("a", "b"), ("b", "c")], result.Rows.Where(r => r.Selected).Select(r => (r.Source, r.Target)));
        Assert.Equal(-0.7, result.Rows.Single(r => r.Source == "c" && r.Target == "a").Weight);
        Assert.Empty(result.RemovedEdges);
        Assert.True(result.Acyclic);
    }

    [Fact]
    public void Edge_at_the_threshold_is_selected()
    {
        var result = AdjacencySelection.Select(["a", "b"], Matrix(2, (0, 1, 0.3)), threshold: 0.3);
        Assert.True(IsSelected(result, "a", "b"));
    }

    [Fact]
    public void Two_cycle_loses_its_weaker_edge()
    {
        var result = AdjacencySelection.Select(["a", "b"], Matrix(2, (0, 1, 0.4), (1, 0, 0.8)), threshold: 0.3);
        Assert.Equal([new EdgeSummary("a", "b", 0.4)], result.RemovedEdges);
        Assert.False(IsSelected(result, "a", "b"));
        Assert.True(IsSelected(result, "b", "a"));
        Assert.True(result.Acyclic);
    }

    [Fact]
    public void Three_cycle_and_separate_two_cycle_each_lose_their_weakest_edge()
    {
        string[] channels = ["a", "b", "c", "d", "e"];
        var w = Matrix(5,
            (0, 1, 0.9), (1, 2, 0.35), (2, 0, 0.6), // a -> b -> c -> a, weakest b -> c
            (3, 4, 0.7), (4, 3, 0.5),               // d <-> e, weakest e -> d
            (0, 3, 0.8));                           // a -> d joins them without a cycle
        var result = AdjacencySelection.Select(channels, w, threshold: 0.3);

        Assert.Equal(2, result.RemovedEdges.Count);
        Assert.Contains(new EdgeSummary("b", "c", 0.35), result.RemovedEdges);
        Assert.Contains(new EdgeSummary("e", "d", 0.5), result.RemovedEdges);
        Assert.Equal(
            [("a", "b"), ("a", "d"), ("c", "a"), ("d", "e")],
            result.Rows.Where(r => r.Selected).Select(r => (r.Source, r.Target)).Order());
        Assert.True(result.Acyclic);
        Assert.Equal(4, result.SelectedEdges.Count());
    }

    [Fact]
    public void Ties_go_to_the_lexicographically_smallest_source_then_target()
    {
        // c -> b -> a -> c, all weight 0.5: drop a -> c (smallest source).
        var cycle = AdjacencySelection.Select(["c", "b", "a"], Matrix(3, (0, 1, 0.5), (1, 2, 0.5), (2, 0, 0.5)), 0.3);
        Assert.Equal([new EdgeSummary("a", "c", 0.5)], cycle.RemovedEdges);

        // a -> b -> c -> a with a -> b and c -> a tied lowest: drop a -> b (source a < c).
        var sameWeights = AdjacencySelection.Select(["a", "b", "c"], Matrix(3, (0, 1, 0.4), (1, 2, 0.9), (2, 0, 0.4)), 0.3);
        Assert.Equal([new EdgeSummary("a", "b", 0.4)], sameWeights.RemovedEdges);

        // Two 2-cycles through a, all tied: within each cycle the edge from a goes first (a -> b, then a -> c).
        var twoCycles = AdjacencySelection.Select(["a", "b", "c"], Matrix(3, (0, 1, 0.5), (1, 0, 0.5), (0, 2, 0.5), (2, 0, 0.5)), 0.3);
        Assert.Equal([new EdgeSummary("a", "b", 0.5), new EdgeSummary("a", "c", 0.5)], twoCycles.RemovedEdges);
        Assert.True(twoCycles.Acyclic);
    }

    [Fact]
    public void Is_deterministic()
    {
        string[] channels = ["x", "y", "z", "w"];
        var w = Matrix(4, (0, 1, 0.5), (1, 2, 0.5), (2, 3, 0.5), (3, 0, 0.5), (2, 0, 0.5), (1, 0, 0.5));
        var first = AdjacencySelection.Select(channels, w, 0.3);
        var second = AdjacencySelection.Select(channels, w, 0.3);
        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(first.RemovedEdges, second.RemovedEdges);
        Assert.True(first.Acyclic);
    }

    [Fact]
    public void Rejects_wrong_matrix_size_and_duplicate_names()
    {
        Assert.Throws<ArgumentException>(() => AdjacencySelection.Select(["a", "b"], new double[3], 0.3));
        Assert.Throws<ArgumentException>(() => AdjacencySelection.Select(["a", "a"], new double[4], 0.3));
    }

    [Fact]
    public void Topological_check_detects_cycles()
    {
        Assert.True(AdjacencySelection.IsAcyclic(new bool[,] { { false, true }, { false, false } }));
        Assert.False(AdjacencySelection.IsAcyclic(new bool[,] { { false, true }, { true, false } }));
        Assert.True(AdjacencySelection.IsAcyclic(new bool[0, 0]));
    }
}
