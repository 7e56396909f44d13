using Mmm.Science.Decisions;

namespace Mmm.Science.Tests.Decisions;

public class BudgetProjectionTests
{
    [Fact]
    public void Projects_onto_the_bounds_and_the_budget()
    {
        double[] lower = [1, 0, 2], upper = [5, 10, 3];
        var s = BudgetProjection.Project([100, -4, 2.5], lower, upper, 9);
        Assert.Equal(9, s.Sum(), 9);
        for (int i = 0; i < 3; i++) Assert.InRange(s[i], lower[i], upper[i]);
        Assert.Equal(5, s[0], 9); // the large coordinate is cut to its bound, the rest share the shift
    }

    [Fact]
    public void A_feasible_point_is_its_own_projection()
    {
        var s = BudgetProjection.Project([2, 3, 4], [0, 0, 0], [10, 10, 10], 9);
        Assert.Equal([2.0, 3.0, 4.0], s.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void Bounds_that_exclude_the_budget_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => BudgetProjection.Project([1, 1], [0, 0], [1, 1], 3));
        Assert.Contains("between 0 and 2", e.Message);
    }
}
