using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

/// <summary>
/// Each edge's probability in adjacency.parquet: the fraction of the ensemble members' own selections ([source * C + target],
/// row-major over the channels given) that hold the ordered pair; rows are left as they were without members.
/// </summary>
public class AdjacencyProbabilityTests
{
    private static readonly string[] Channels = ["a", "b", "c"];

    /// <summary>a -> b 0.9 and b -> c 0.5 selected at 0.3; c -> a 0.2 not.</summary>
    private static AdjacencySelectionResult Selection() =>
        AdjacencySelection.Select(Channels, [0, 0.9, 0, /**/ 0, 0, 0.5, /**/ 0.2, 0, 0], threshold: 0.3);

    private static bool[] Member(string[] channels, params (string From, string To)[] edges)
    {
        var m = new bool[channels.Length * channels.Length];
        foreach (var (from, to) in edges) m[Array.IndexOf(channels, from) * channels.Length + Array.IndexOf(channels, to)] = true;
        return m;
    }

    private static double? Probability(AdjacencySelectionResult result, string source, string target) =>
        result.Rows.Single(r => r.Source == source && r.Target == target).Probability;

    private static List<bool[]> Members(string[] channels) =>
    [
        Member(channels, ("a", "b"), ("b", "c")),
        Member(channels, ("a", "b")),
        Member(channels, ("a", "b"), ("c", "a"), ("a", "a")), // the diagonal is no edge
        Member(channels),
    ];

    [Fact]
    public void Each_ordered_pair_gets_the_fraction_of_members_that_select_it()
    {
        var original = Selection();
        var result = original.WithProbabilities(Channels, Members(Channels));

        Assert.Equal(0.75, Probability(result, "a", "b"));
        Assert.Equal(0.25, Probability(result, "b", "c"));
        Assert.Equal(0.25, Probability(result, "c", "a"));
        Assert.Equal(0.0, Probability(result, "b", "a"));
        Assert.Equal(0.0, Probability(result, "a", "c"));
        Assert.Equal(0.0, Probability(result, "c", "b"));
        // Everything else is the selection's own.
        Assert.Equal(original.Rows.Select(r => (r.Source, r.Target, r.Weight, r.Selected)), result.Rows.Select(r => (r.Source, r.Target, r.Weight, r.Selected)));
        Assert.Equal(original.RemovedEdges, result.RemovedEdges);
        Assert.Equal(original.Acyclic, result.Acyclic);
        // The selected edges carry their probability into summary.json.
        Assert.Equal([new EdgeSummary("a", "b", 0.9, 0.75), new EdgeSummary("b", "c", 0.5, 0.25)], result.SelectedEdges);
    }

    [Fact]
    public void Members_are_read_in_the_order_of_the_channels_given()
    {
        // The same member graphs, laid out over another channel order.
        string[] order = ["c", "a", "b"];
        var result = Selection().WithProbabilities(order, Members(order));
        Assert.Equal(0.75, Probability(result, "a", "b"));
        Assert.Equal(0.25, Probability(result, "b", "c"));
        Assert.Equal(0.25, Probability(result, "c", "a"));
        Assert.Equal(0.0, Probability(result, "b", "a"));
    }

    [Fact]
    public void Without_members_the_rows_are_unchanged_and_have_no_probability()
    {
        var original = Selection();
        Assert.Same(original, original.WithProbabilities(Channels, null));
        Assert.Same(original, original.WithProbabilities(Channels, []));
        Assert.All(original.Rows, r => Assert.Null(r.Probability));
        Assert.All(original.SelectedEdges, e => Assert.Null(e.Probability));
    }
}
