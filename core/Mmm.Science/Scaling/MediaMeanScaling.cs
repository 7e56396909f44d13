namespace Mmm.Science.Scaling;

/// <summary>
/// Per-channel media scaling, the fix for share of voice: x / mean_train(x) per channel, either one mean
/// per channel over all regions or one per (region, channel). Channels stay independent and the scaling is
/// exactly invertible. Computed in float64; a zero mean divides by 1.
/// </summary>
public static class MediaMeanScaling
{
    /// <summary>
    /// Divisors [B*C] from the included cells of <paramref name="raw"/> [B*T*C] (the training weeks).
    /// Per region, a (region, channel) without positive training spend falls back to the channel's
    /// global mean, then to 1.
    /// </summary>
    public static double[] FitDivisors(double[] raw, int regions, int weeks, int channels, bool perRegion, bool[]? present = null)
    {
        ArrayShape.Check(raw, regions, weeks, channels, nameof(raw));
        ArrayShape.CheckMask(present, regions, weeks);
        var sums = new double[regions * channels];
        var counts = new int[regions];
        for (int cell = 0; cell < regions * weeks; cell++)
        {
            if (!ArrayShape.IsIncluded(present, cell)) continue;
            int r = cell / weeks;
            counts[r]++;
            for (int c = 0; c < channels; c++) sums[r * channels + c] += raw[cell * channels + c];
        }

        int totalCount = counts.Sum();
        var divisors = new double[regions * channels];
        for (int c = 0; c < channels; c++)
        {
            double globalSum = 0;
            for (int r = 0; r < regions; r++) globalSum += sums[r * channels + c];
            double global = totalCount == 0 ? 0 : globalSum / totalCount;
            double globalDivisor = global > 0 ? global : 1.0;
            for (int r = 0; r < regions; r++)
            {
                double regional = counts[r] == 0 ? 0 : sums[r * channels + c] / counts[r];
                divisors[r * channels + c] = perRegion && regional > 0 ? regional : globalDivisor;
            }
        }
        return divisors;
    }

    public static float[] Transform(double[] raw, int regions, int weeks, int channels, double[] divisors, bool[]? present = null)
    {
        ArrayShape.Check(raw, regions, weeks, channels, nameof(raw));
        ArrayShape.CheckMask(present, regions, weeks);
        var scaled = new float[raw.Length];
        for (int cell = 0; cell < regions * weeks; cell++)
        {
            if (!ArrayShape.IsIncluded(present, cell)) continue;
            int r = cell / weeks;
            for (int c = 0; c < channels; c++)
                scaled[cell * channels + c] = (float)(raw[cell * channels + c] / divisors[r * channels + c]);
        }
        return scaled;
    }
}
