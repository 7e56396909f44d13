using static TorchSharp.torch;

namespace Mmm.Science.Tests.Parity;

/// <summary>Assertions with the tolerances the golden file's README suggests.</summary>
public static class Tolerance
{
    /// <summary>Forward outputs and losses: |a-b| &lt;= 1e-5 + 1e-4|b| elementwise.</summary>
    public static void Close(string what, Tensor actual, double[] expected, double abs = 1e-5, double rel = 1e-4)
    {
        var a = actual.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray();
        Assert.True(a.Length == expected.Length, $"{what}: {a.Length} values, expected {expected.Length}");
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - expected[i]) <= abs + rel * Math.Abs(expected[i]),
                $"{what}[{i}] = {a[i]:R}, expected {expected[i]:R}");
    }

    public static void Close(string what, double actual, double expected, double abs = 1e-5, double rel = 1e-4) =>
        Assert.True(Math.Abs(actual - expected) <= abs + rel * Math.Abs(expected), $"{what} = {actual:R}, expected {expected:R}");

    /// <summary>Gradients: |a-b| &lt;= 1e-6 + 1e-4 max|b| per tensor.</summary>
    public static void GradientClose(string what, Tensor actual, double[] expected)
    {
        var scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        Close(what, actual, expected, 1e-6 + 1e-4 * scale, 0);
    }
}
