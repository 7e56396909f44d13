using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Model;

/// <summary>
/// The time-varying baseline against hand computations: how many knots, the hat-function interpolation weights (constant
/// before the first and after the last fitted period), basis·(pooled + regional) and the random-walk prior on the knots.
/// </summary>
public class BaselineDriftTests
{
    [Theory]
    [InlineData(6, 94, 8, 12)]  // 88 weeks: 11 steps of 8
    [InlineData(6, 95, 8, 13)]  // 89 weeks: 12 steps (of 7.4)
    [InlineData(0, 3, 8, 2)]    // shorter than one step: still two knots
    [InlineData(5, 5, 8, 2)]    // a single fitted week: two knots
    [InlineData(0, 10, 0, 11)]  // knotWeeks 0 counts as 1
    public void Knot_count_is_one_per_knot_weeks_plus_one_and_at_least_two(int first, int last, int knotWeeks, int expected)
    {
        Assert.Equal(expected, BaselineDrift.KnotCount(first, last, knotWeeks));
    }

    [Fact]
    public void Knots_are_never_further_apart_than_knot_weeks_nor_closer_than_half_of_it()
    {
        for (int knotWeeks = 2; knotWeeks <= 13; knotWeeks++)
            for (int span = knotWeeks; span <= 150; span++)
            {
                int knots = BaselineDrift.KnotCount(4, 4 + span, knotWeeks);
                double step = (double)span / (knots - 1);
                Assert.True(step <= knotWeeks + 1e-12 && step > knotWeeks / 2.0, $"span {span}, knotWeeks {knotWeeks}: {knots} knots, step {step}");
            }
    }

    private static float[] Row(float[] basis, int t, int knots) => basis.Skip(t * knots).Take(knots).ToArray();

    private static void Weights(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], actual[k], 1e-6);
    }

    [Fact]
    public void Every_row_of_the_basis_sums_to_one_and_is_non_negative()
    {
        foreach (var (periods, first, last, knots) in new[] { (12, 2, 10, 3), (10, 1, 8, 4), (100, 6, 88, 12), (30, 0, 29, 5), (7, 3, 3, 2) })
        {
            var basis = BaselineDrift.Basis(periods, first, last, knots);
            Assert.Equal(periods * knots, basis.Length);
            for (int t = 0; t < periods; t++)
            {
                var row = Row(basis, t, knots);
                Assert.Equal(1.0, row.Sum(w => (double)w), 1e-6);
                Assert.All(row, w => Assert.True(w >= 0));
                Assert.True(row.Count(w => w > 0) <= 2, $"period {t} weighs on more than two knots");
            }
        }
    }

    [Fact]
    public void Knots_at_whole_periods_interpolate_linearly_between_them_and_hold_outside_the_fitted_periods()
    {
        // Fitted periods 2..10 with 3 knots: knots at t = 2, 6 and 10 (4 weeks apart).
        var basis = BaselineDrift.Basis(periods: 12, first: 2, last: 10, knots: 3);
        Weights([1, 0, 0], Row(basis, 0, 3));     // burn-in: the first knot's value
        Weights([1, 0, 0], Row(basis, 1, 3));
        Weights([1, 0, 0], Row(basis, 2, 3));     // knot 0's own period
        Weights([0.75, 0.25, 0], Row(basis, 3, 3));
        Weights([0.5, 0.5, 0], Row(basis, 4, 3)); // midway between knots 0 and 1
        Weights([0.25, 0.75, 0], Row(basis, 5, 3));
        Weights([0, 1, 0], Row(basis, 6, 3));     // knot 1's own period
        Weights([0, 0.5, 0.5], Row(basis, 8, 3)); // midway between knots 1 and 2
        Weights([0, 0, 1], Row(basis, 10, 3));    // knot 2's own period
        Weights([0, 0, 1], Row(basis, 11, 3));    // holdout: the last knot's value carried forward
    }

    [Fact]
    public void Knots_between_whole_periods_weigh_each_period_by_its_distance()
    {
        // Fitted periods 1..8 with 4 knots: knots at 1, 1 + 7/3, 1 + 14/3 and 8.
        var basis = BaselineDrift.Basis(periods: 10, first: 1, last: 8, knots: 4);
        // t = 4 is 2/3 past knot 1 (at 10/3) in a step of 7/3: 2/7 of the way to knot 2.
        Weights([0, 5 / 7.0, 2 / 7.0, 0], Row(basis, 4, 4));
        // t = 2 is 1 past knot 0: 3/7 of the way to knot 1.
        Weights([4 / 7.0, 3 / 7.0, 0, 0], Row(basis, 2, 4));
        // t = 7 is 1 before knot 3 (at 8): 3/7 of the step back towards knot 2.
        Weights([0, 0, 3 / 7.0, 4 / 7.0], Row(basis, 7, 4));
        Weights([1, 0, 0, 0], Row(basis, 0, 4));
        Weights([1, 0, 0, 0], Row(basis, 1, 4));
        Weights([0, 0, 0, 1], Row(basis, 8, 4));
        Weights([0, 0, 0, 1], Row(basis, 9, 4));
    }

    [Fact]
    public void Apply_is_the_basis_times_pooled_plus_regional_knots()
    {
        using var basis = tensor(new float[] { 1, 0, 0.5f, 0.5f, 0.25f, 0.75f, 0, 1 }, [4, 2]);
        using var pooled = tensor(new float[] { 1, 3 });
        using var regional = tensor(new float[] { 0.1f, -0.2f, 0, 1 }, [2, 2]);
        using var drift = BaselineDrift.Apply(basis, pooled, regional);

        Assert.Equal(new long[] { 2, 4 }, drift.shape);
        // Region 0's knots 1.1 and 2.8; region 1's 1 and 4.
        double[] expected = [1.1, 1.95, 2.375, 2.8, /**/ 1, 2.5, 3.25, 4];
        var values = drift.data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], values[i], 1e-5);
    }

    [Fact]
    public void Apply_with_a_member_dimension_gives_each_member_its_own_drift()
    {
        const int members = 2, regions = 3, periods = 5, knots = 3;
        var basisValues = BaselineDrift.Basis(periods, 0, 4, knots);
        float[] pooledValues = [1, 3, 2, /**/ -1, 0, 0.5f];
        var random = new Random(5);
        var regionalValues = Enumerable.Range(0, members * regions * knots).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        using var basis = tensor(basisValues, [periods, knots]);
        using var pooled = tensor(pooledValues, [members, knots]);
        using var regional = tensor(regionalValues, [members, regions, knots]);
        using var drift = BaselineDrift.Apply(basis, pooled, regional);

        Assert.Equal(new long[] { members, regions, periods }, drift.shape);
        var values = drift.data<float>().ToArray();
        for (int m = 0; m < members; m++)
            for (int r = 0; r < regions; r++)
                for (int t = 0; t < periods; t++)
                {
                    double expected = 0;
                    for (int k = 0; k < knots; k++)
                        expected += basisValues[t * knots + k] * (pooledValues[m * knots + k] + regionalValues[(m * regions + r) * knots + k]);
                    Assert.Equal(expected, values[(m * regions + r) * periods + t], 1e-5);
                }
        // Member 0, region 0, t = 2 sits on knot 1: 3 + its deviation there.
        Assert.Equal(3 + regionalValues[1], values[2], 1e-5);
    }

    [Fact]
    public void The_random_walk_prior_is_half_the_squared_standardised_steps_from_zero()
    {
        using var knots = tensor(new float[] { 0.2f, 0.5f, 0.1f });
        using var prior = BaselineDrift.RandomWalkPrior(knots, stepSd: 0.1);
        // Steps 0.2 (from 0), 0.3, -0.4: ½ (0.04 + 0.09 + 0.16) / 0.01 = 14.5.
        Assert.Equal(14.5, prior.item<float>(), 1e-3);
    }

    [Fact]
    public void The_random_walk_prior_measures_steps_from_their_centres()
    {
        using var knots = tensor(new float[] { 0.2f, 0.5f, 0.1f });
        using var centres = tensor(new float[] { 0.1f, 0.1f, -0.1f });
        using var prior = BaselineDrift.RandomWalkPrior(knots, stepSd: 0.1, centres);
        // Steps less centres: 0.1, 0.2, -0.3: ½ (0.01 + 0.04 + 0.09) / 0.01 = 7.
        Assert.Equal(7.0, prior.item<float>(), 1e-3);
        // Centres equal to the steps: no cost.
        using var exact = tensor(new float[] { 0.2f, 0.3f, -0.4f });
        using var zero = BaselineDrift.RandomWalkPrior(knots, stepSd: 0.1, exact);
        Assert.Equal(0.0, zero.item<float>(), 1e-5);
    }

    [Fact]
    public void Each_row_of_a_batch_of_knots_is_its_own_walk_from_zero()
    {
        using var knots = tensor(new float[] { 0.2f, 0.5f, 0.1f, /**/ -0.1f, -0.1f, 0.3f }, [2, 3]);
        using var prior = BaselineDrift.RandomWalkPrior(knots, stepSd: 0.2);
        // Row 0: 0.29 as above; row 1 starts again at 0: steps -0.1, 0, 0.4, 0.17. ½ 0.46 / 0.04 = 5.75.
        Assert.Equal(5.75, prior.item<float>(), 1e-3);
        using var centres = tensor(new float[] { 0, 0, 0, /**/ -0.1f, 0, 0.4f }, [2, 3]);
        using var centred = BaselineDrift.RandomWalkPrior(knots, stepSd: 0.2, centres);
        Assert.Equal(0.5 * 0.29 / 0.04, centred.item<float>(), 1e-3);
    }
}
