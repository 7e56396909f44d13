namespace Mmm.Science.Tests.Scaling;

/// <summary>Element-wise tolerance checks that report the worst element.</summary>
internal static class Close
{
    /// <summary>Asserts |a-b| &lt;= abs + rel*|b| everywhere; returns the largest |a-b|.</summary>
    public static double All(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double abs, double rel, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        double worst = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            double diff = Math.Abs(actual[i] - expected[i]);
            worst = Math.Max(worst, diff);
            Assert.True(diff <= abs + rel * Math.Abs(expected[i]),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (|diff| {diff:E3}).");
        }
        return worst;
    }

    public static double All(IReadOnlyList<double> expected, IReadOnlyList<float> actual, double abs, double rel, string what) =>
        All(expected, actual.Select(v => (double)v).ToArray(), abs, rel, what);
}

/// <summary>How many float32 results differ from the golden value rounded to float32 (0 = bit-identical).</summary>
internal static class Bits
{
    public static int Mismatches(IReadOnlyList<double> expected, IReadOnlyList<float> actual) =>
        Enumerable.Range(0, expected.Count).Count(i => (float)expected[i] != actual[i]);
}
