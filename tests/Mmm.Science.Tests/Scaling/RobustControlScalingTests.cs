using Mmm.Science.Scaling;

namespace Mmm.Science.Tests.Scaling;

/// <summary>The fixed control scaling, with numbers worked by hand.</summary>
public class RobustControlScalingTests
{
    private static double[] OneColumn(params double[] values) => values;

    [Fact]
    public void Divides_by_iqr_over_1_349()
    {
        // 1..9: median 5, q25 3, q75 7, IQR 4, robust sigma 4/1.349; x = 9 -> 4 / (4/1.349) = 1.349.
        var raw = OneColumn(1, 2, 3, 4, 5, 6, 7, 8, 9);
        var fit = RobustControlScaling.Fit(raw, 1, 9, 1);
        Assert.Equal(5.0, fit.Median[0]);
        Assert.Equal(3.0, fit.Q25[0]);
        Assert.Equal(7.0, fit.Q75[0]);
        Assert.Equal(4.0 / 1.349, fit.Divisor[0], 12);
        var scaled = RobustControlScaling.Transform(raw, 1, 9, 1, fit);
        Assert.Equal(1.349f, scaled[8], 6);
        Assert.Equal(-1.349f, scaled[0], 6);
        Assert.Equal(0f, scaled[4]);
    }

    [Fact]
    public void Iqr_zero_falls_back_to_the_standard_deviation()
    {
        // Event dummy: eight 0s and one 1. Median 0, IQR 0; sample std = sqrt((8/81 + 64/81)/8) = 1/3.
        var raw = OneColumn(0, 0, 0, 0, 1, 0, 0, 0, 0);
        var fit = RobustControlScaling.Fit(raw, 1, 9, 1);
        Assert.Equal(1.0 / 3.0, fit.Divisor[0], 12);
        var scaled = RobustControlScaling.Transform(raw, 1, 9, 1, fit);
        Assert.Equal(3f, scaled[4], 6); // the reference saturates this at its clip instead
    }

    [Fact]
    public void Constant_column_divides_by_one()
    {
        var raw = OneColumn(4, 4, 4, 4);
        var fit = RobustControlScaling.Fit(raw, 1, 4, 1);
        Assert.Equal(1.0, fit.Divisor[0]);
        Assert.Equal([2f, 0f], RobustControlScaling.Transform([6.0, 4.0], 1, 2, 1, fit));
    }

    [Fact]
    public void Uses_the_ordinary_median_and_clips_at_five()
    {
        var fit = RobustControlScaling.Fit(OneColumn(1, 2, 3, 4), 1, 4, 1);
        Assert.Equal(2.5, fit.Median[0]);
        Assert.Equal(2f, OrderStatistics.TorchMedian([1f, 2f, 3f, 4f])); // the reference's lower middle
        var scaled = RobustControlScaling.Transform([1000.0, -1000.0], 1, 2, 1, fit);
        Assert.Equal([5f, -5f], scaled);
    }
}
