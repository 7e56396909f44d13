namespace Mmm.Science.Scaling;

/// <summary>
/// Medians, quantiles and standard deviations: the torch float32 flavours the reference uses and the
/// ordinary float64 ones of the fixed behaviour. Inputs need not be sorted; they are not modified.
/// </summary>
public static class OrderStatistics
{
    /// <summary>torch.median: the lower of the two middle values for an even count (57, not 57.5).</summary>
    public static float TorchMedian(IReadOnlyCollection<float> values)
    {
        var sorted = SortedCopy(values);
        return sorted[(sorted.Length - 1) / 2];
    }

    /// <summary>
    /// torch.quantile with linear interpolation, in float32 as torch does it: rank = q*(n-1), then
    /// torch.lerp(below, above, weight), which switches formula at weight 0.5.
    /// </summary>
    public static float TorchQuantile(IReadOnlyCollection<float> values, double q)
    {
        var sorted = SortedCopy(values);
        float rank = (float)q * (sorted.Length - 1);
        int below = (int)MathF.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        float weight = rank - below;
        float lo = sorted[below], hi = sorted[above];
        return weight < 0.5f ? lo + weight * (hi - lo) : hi - (hi - lo) * (1f - weight);
    }

    /// <summary>The ordinary median: mean of the two middle values for an even count.</summary>
    public static double Median(IReadOnlyCollection<double> values) => Quantile(values, 0.5);

    /// <summary>Quantile by linear interpolation between order statistics (numpy's default), in float64.</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double q)
    {
        var sorted = SortedCopy(values);
        double rank = q * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>Unbiased (n-1) sample standard deviation in float64; 0 for fewer than two values.</summary>
    public static double SampleStd(IEnumerable<double> values)
    {
        // Welford: stable for large offsets such as KPI levels around 1e5.
        long n = 0;
        double mean = 0, m2 = 0;
        foreach (var v in values)
        {
            n++;
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
        }
        return n < 2 ? 0.0 : Math.Sqrt(m2 / (n - 1));
    }

    private static T[] SortedCopy<T>(IReadOnlyCollection<T> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values: the statistic is undefined.", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
