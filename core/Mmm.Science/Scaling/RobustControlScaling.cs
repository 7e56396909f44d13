namespace Mmm.Science.Scaling;

/// <summary>Per-control constants of the fixed robust scaling, float64.</summary>
/// <param name="Divisor">IQR/1.349 (robust sigma); the sample std when IQR = 0; 1 when that is 0 too.</param>
public sealed record RobustControlFit(double[] Median, double[] Q25, double[] Q75, double[] Divisor);

/// <summary>
/// The fixed control scaling: (x - median) / (IQR/1.349), clipped to ±5. Unlike the reference it divides
/// by 1.349, uses the ordinary median, and a column with IQR 0 (an event dummy) is scaled by its standard
/// deviation instead of being saturated at the clip.
/// </summary>
public static class RobustControlScaling
{
    public const double IqrToSigma = 1.349;
    public const double Clip = 5.0;

    public static RobustControlFit Fit(double[] raw, int regions, int weeks, int controls, bool[]? present = null)
    {
        ArrayShape.Check(raw, regions, weeks, controls, nameof(raw));
        ArrayShape.CheckMask(present, regions, weeks);
        var median = new double[controls];
        var q25 = new double[controls];
        var q75 = new double[controls];
        var divisor = new double[controls];
        for (int k = 0; k < controls; k++)
        {
            var column = ArrayShape.IncludedColumn(raw, regions * weeks, controls, k, present);
            median[k] = OrderStatistics.Median(column);
            q25[k] = OrderStatistics.Quantile(column, 0.25);
            q75[k] = OrderStatistics.Quantile(column, 0.75);
            divisor[k] = ChooseDivisor(q75[k] - q25[k], column);
        }
        return new RobustControlFit(median, q25, q75, divisor);
    }

    public static float[] Transform(double[] raw, int regions, int weeks, int controls, RobustControlFit fit, bool[]? present = null)
    {
        ArrayShape.Check(raw, regions, weeks, controls, nameof(raw));
        ArrayShape.CheckMask(present, regions, weeks);
        var scaled = new float[raw.Length];
        for (int cell = 0; cell < regions * weeks; cell++)
        {
            if (!ArrayShape.IsIncluded(present, cell)) continue;
            for (int k = 0; k < controls; k++)
            {
                int i = cell * controls + k;
                scaled[i] = (float)Math.Clamp((raw[i] - fit.Median[k]) / fit.Divisor[k], -Clip, Clip);
            }
        }
        return scaled;
    }

    /// <summary>The affine inverse; exact (to float32 rounding) inside ±5, clipped values come back at the boundary.</summary>
    public static double Inverse(RobustControlFit fit, int control, double scaled) =>
        scaled * fit.Divisor[control] + fit.Median[control];

    private static double ChooseDivisor(double iqr, List<double> column)
    {
        if (iqr > 0) return iqr / IqrToSigma;
        double std = OrderStatistics.SampleStd(column);
        return std > 0 ? std : 1.0;
    }
}
