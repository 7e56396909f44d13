using Mmm.Science.Scaling;
using Xunit.Abstractions;

namespace Mmm.Science.Tests.Scaling;

/// <summary>Parity with the reference's statsmodels-based seasonal component (init and forward cases).</summary>
public class ReferenceSeasonalityGoldenTests(ITestOutputHelper output)
{
    private const int Padding = 2;

    public static TheoryData<string, string, int, int> Cases => new()
    {
        // golden y path, golden seasonal prefix, T (with padding), expected period
        { "init/inputs/y", "init/steps/1/", 12, 5 },
        { "forward_triangular/inputs/y_for_initialize_baseline", "forward_triangular/model_attributes_not_in_state_dict/", 14, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seasonal_components_match_the_reference(string yPath, string prefix, int totalWeeks, int period)
    {
        var y = GoldenFile.TensorF(yPath);
        var yMean = GoldenFile.Tensor("scaler/fitted/y_mean_per_region");
        var result = ReferenceSeasonality.FromScaledKpi(y, 2, totalWeeks, Padding, yMean);

        Assert.Equal(period, result.Period);
        if (prefix.StartsWith("init", StringComparison.Ordinal))
            Assert.Equal(period, (int)GoldenFile.Scalar(prefix + "seasonal_period_used"));
        var expectedBefore = GoldenFile.Tensor(prefix + "seasonal_components_before_minmax");
        var expectedAfter = GoldenFile.Tensor(prefix + "seasonal_components");
        double before = Close.All(expectedBefore, result.BeforeMinMax, 1e-3, 0, "before min-max");
        double after = Close.All(expectedAfter, result.Components, 1e-5, 0, "min-max");
        output.WriteLine($"{prefix}: max |diff| before min-max {before:E3} ({Bits.Mismatches(expectedBefore, result.BeforeMinMax)} float32 mismatches), " +
            $"after {after:E3} ({Bits.Mismatches(expectedAfter, result.Components)} mismatches)");
    }

    [Fact]
    public void Padding_repeats_the_first_value()
    {
        var padded = ReferenceSeasonality.PadLeft([0.2f, 0.5f, 1f, 0f], 2, 2, 4);
        Assert.Equal([0.2f, 0.2f, 0.2f, 0.5f, 1f, 1f, 1f, 0f], padded);
    }

    [Fact]
    public void Flat_region_min_maxes_to_one_half()
    {
        var kpi = Enumerable.Repeat(100.0, 12).Concat(Enumerable.Range(0, 12).Select(t => 100.0 + (t % 3) * 10)).ToArray();
        var result = ReferenceSeasonality.Compute(kpi, 2, 12);
        Assert.All(result.Components.Take(12), v => Assert.Equal(0.5f, v));
        Assert.Contains(1f, result.Components.Skip(12));
        Assert.Contains(0f, result.Components.Skip(12));
    }

    [Fact]
    public void Even_period_uses_the_two_by_p_filter()
    {
        // Period 2, x = [1, 3, 2, 6]: trend[1] = (1/4*1 + 1/2*3 + 1/4*2) = 2.25, trend[2] = (3/4 + 1 + 6/4) = 3.25.
        var trend = ClassicalDecomposition.CentredMovingAverage([1, 3, 2, 6], 2);
        Assert.True(double.IsNaN(trend[0]) && double.IsNaN(trend[3]));
        Assert.Equal(2.25, trend[1], 12);
        Assert.Equal(3.25, trend[2], 12);
        // Detrended: phase 1 -> 0.75, phase 0 -> -1.25; centred on their mean -0.25.
        var seasonal = ClassicalDecomposition.AdditiveSeasonal([1, 3, 2, 6], 2);
        Assert.Equal([-1.0, 1.0, -1.0, 1.0], seasonal.Select(v => Math.Round(v, 12)));
    }
}
