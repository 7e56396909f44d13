using Mmm.Lab.Recovery;

namespace Mmm.Lab.Tests.Recovery;

public class StructuralHammingDistanceTests
{
    private static PlantedEdge E(string s, string t) => new(s, t);

    [Fact]
    public void Identical_graphs_are_at_distance_zero()
    {
        var g = StructuralHammingDistance.Compare([E("a", "b"), E("b", "c")], [E("b", "c"), E("a", "b")]);
        Assert.Equal(0, g.Shd);
        Assert.Empty(g.Missing);
        Assert.Empty(g.Extra);
        Assert.Empty(g.Reversed);
    }

    [Fact]
    public void A_reversed_edge_counts_once()
    {
        var g = StructuralHammingDistance.Compare([E("tv", "search")], [E("search", "tv")]);
        Assert.Equal(1, g.Shd);
        Assert.Equal([E("search", "tv")], g.Reversed);
        Assert.Empty(g.Missing);
        Assert.Empty(g.Extra);
    }

    [Fact]
    public void Missing_extra_and_reversed_edges_add_up()
    {
        // Planted a->b, b->c, c->d. Selected b->a (reversed), c->d (right), a->d (extra); b->c missing.
        var g = StructuralHammingDistance.Compare([E("a", "b"), E("b", "c"), E("c", "d")], [E("b", "a"), E("c", "d"), E("a", "d")]);
        Assert.Equal(3, g.Shd);
        Assert.Equal([E("b", "c")], g.Missing);
        Assert.Equal([E("a", "d")], g.Extra);
        Assert.Equal([E("b", "a")], g.Reversed);
    }

    [Fact]
    public void No_planted_edges_count_every_selected_edge()
    {
        Assert.Equal(2, StructuralHammingDistance.Compare([], [E("x1", "x2"), E("x2", "x3")]).Shd);
        Assert.Equal(1, StructuralHammingDistance.Compare([E("x1", "x2")], []).Shd);
    }
}
