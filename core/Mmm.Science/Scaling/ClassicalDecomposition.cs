namespace Mmm.Science.Scaling;

/// <summary>
/// The seasonal part of statsmodels' <c>seasonal_decompose(x, model='additive', period=p)</c> with its
/// default two-sided centred moving-average trend, in float64 as statsmodels computes it.
/// </summary>
public static class ClassicalDecomposition
{
    /// <summary>
    /// Trend: for odd p equal weights 1/p over p values; for even p the 2xp filter
    /// [0.5, 1, ..., 1, 0.5]/p over p+1 values; NaN where the window does not fit (no extrapolation).
    /// Seasonal: per-phase nanmean of x - trend, centred on the mean of the p phase means, tiled to n.
    /// </summary>
    public static double[] AdditiveSeasonal(ReadOnlySpan<double> x, int period)
    {
        if (period < 2) throw new ArgumentOutOfRangeException(nameof(period), "The period must be at least 2.");
        if (x.Length < 2 * period)
            throw new ArgumentException($"{x.Length} observations are too few for period {period} (needs {2 * period}).", nameof(x));

        var trend = CentredMovingAverage(x, period);
        var phaseMeans = new double[period];
        for (int phase = 0; phase < period; phase++)
        {
            double sum = 0;
            int count = 0;
            for (int t = phase; t < x.Length; t += period)
            {
                if (double.IsNaN(trend[t])) continue;
                sum += x[t] - trend[t];
                count++;
            }
            phaseMeans[phase] = sum / count;
        }

        double centre = phaseMeans.Sum() / period;
        var seasonal = new double[x.Length];
        for (int t = 0; t < x.Length; t++) seasonal[t] = phaseMeans[t % period] - centre;
        return seasonal;
    }

    public static double[] CentredMovingAverage(ReadOnlySpan<double> x, int period)
    {
        double[] weights = period % 2 == 1
            ? Enumerable.Repeat(1.0 / period, period).ToArray()
            : [0.5 / period, .. Enumerable.Repeat(1.0 / period, period - 1), 0.5 / period];
        int half = weights.Length / 2;
        var trend = new double[x.Length];
        for (int t = 0; t < x.Length; t++)
        {
            if (t < half || t + half >= x.Length) { trend[t] = double.NaN; continue; }
            double sum = 0;
            for (int j = 0; j < weights.Length; j++) sum += weights[j] * x[t - half + j];
            trend[t] = sum;
        }
        return trend;
    }
}
