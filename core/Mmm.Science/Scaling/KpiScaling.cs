namespace Mmm.Science.Scaling;

/// <summary>
/// KPI scaling: y / (mean_train(y of the region) + 1e-8), in float64 and then cast to float32, as the
/// reference does. The inverse multiplies back by the same divisor.
/// </summary>
public static class KpiScaling
{
    public const double ZeroThreshold = 1e-8;

    /// <summary>Per-region mean over the included cells of <paramref name="y"/> [B*T] (the training weeks); 0 for a region with none.</summary>
    public static double[] FitMeans(double[] y, int regions, int weeks, bool[]? present = null)
    {
        ArrayShape.Check(y, regions, weeks, 1, nameof(y));
        ArrayShape.CheckMask(present, regions, weeks);
        var means = new double[regions];
        for (int r = 0; r < regions; r++)
        {
            double sum = 0;
            int count = 0;
            for (int t = 0; t < weeks; t++)
            {
                int cell = r * weeks + t;
                if (!ArrayShape.IsIncluded(present, cell)) continue;
                sum += y[cell];
                count++;
            }
            means[r] = count == 0 ? 0.0 : sum / count;
        }
        return means;
    }

    /// <summary>
    /// The divisor per region: mean + 1e-8. With <paramref name="referenceCompat"/> false a region whose
    /// training mean is not positive (no training weeks, or all zero) is divided by 1 instead of 1e-8.
    /// </summary>
    public static double[] Divisors(double[] means, bool referenceCompat) =>
        means.Select(m => referenceCompat || m > 0 ? m + ZeroThreshold : 1.0).ToArray();

    public static float[] Transform(double[] y, int regions, int weeks, double[] divisors, bool[]? present = null)
    {
        ArrayShape.Check(y, regions, weeks, 1, nameof(y));
        ArrayShape.CheckMask(present, regions, weeks);
        var scaled = new float[y.Length];
        for (int cell = 0; cell < y.Length; cell++)
            if (ArrayShape.IsIncluded(present, cell)) scaled[cell] = (float)(y[cell] / divisors[cell / weeks]);
        return scaled;
    }
}
