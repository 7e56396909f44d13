namespace Mmm.Science.Scaling;

/// <summary>The reference's seasonal regressor for R regions x Weeks training weeks (burn-in dropped).</summary>
/// <param name="BeforeMinMax">[R*Weeks] the additive seasonal component in KPI units, float32.</param>
/// <param name="Components">[R*Weeks] the same, min-max scaled per region to [0, 1] (a flat region gives 0.5).</param>
public sealed record ReferenceSeasonalityResult(int Regions, int Weeks, int Period, float[] BeforeMinMax, float[] Components);

/// <summary>
/// The reference seasonal component: per region, statsmodels' additive classical decomposition of the
/// training KPI in KPI units with period min(52, n/2), then min-max scaled per region. The decomposition
/// runs in float64 (statsmodels converts its input) and is stored as float32, which matches the golden
/// values to within one float32 ulp. Its defects (amplitude discarded, holdout weeks get the phases of the
/// wrong calendar weeks) are kept here on purpose; <see cref="CalendarSeasonality"/> is the fix.
/// </summary>
public static class ReferenceSeasonality
{
    public const int MaxPeriod = 52;
    private const float FlatRange = 1e-8f;

    public static int PeriodFor(int weeks) => Math.Min(MaxPeriod, weeks / 2);

    /// <param name="kpi">[R*weeks] training KPI in KPI units, burn-in/padding weeks already dropped.</param>
    public static ReferenceSeasonalityResult Compute(double[] kpi, int regions, int weeks)
    {
        ArrayShape.Check(kpi, regions, weeks, 1, nameof(kpi));
        int period = PeriodFor(weeks);
        var before = new float[kpi.Length];
        for (int r = 0; r < regions; r++)
        {
            // A period below 2 leaves nothing to decompose: a flat (zero) seasonal component.
            if (period < 2) continue;
            var seasonal = ClassicalDecomposition.AdditiveSeasonal(kpi.AsSpan(r * weeks, weeks), period);
            for (int t = 0; t < weeks; t++) before[r * weeks + t] = (float)seasonal[t];
        }
        return new ReferenceSeasonalityResult(regions, weeks, period, before, MinMaxPerRegion(before, regions, weeks));
    }

    /// <summary>
    /// As the reference builds its input: scaled y [R*totalWeeks] (float32) without its first
    /// <paramref name="paddingWeeks"/> weeks, times the region's KPI mean in float64.
    /// </summary>
    public static ReferenceSeasonalityResult FromScaledKpi(float[] scaledY, int regions, int totalWeeks, int paddingWeeks, double[] kpiMeanPerRegion)
    {
        ArrayShape.Check(scaledY, regions, totalWeeks, 1, nameof(scaledY));
        if (paddingWeeks < 0 || paddingWeeks > totalWeeks) throw new ArgumentOutOfRangeException(nameof(paddingWeeks));
        int weeks = totalWeeks - paddingWeeks;
        var kpi = new double[regions * weeks];
        for (int r = 0; r < regions; r++)
            for (int t = 0; t < weeks; t++)
                kpi[r * weeks + t] = (double)scaledY[r * totalWeeks + paddingWeeks + t] * kpiMeanPerRegion[r];
        return Compute(kpi, regions, weeks);
    }

    /// <summary>Per region (v - min) / (max - min) in float32; a flat region gives 0.5.</summary>
    public static float[] MinMaxPerRegion(float[] values, int regions, int weeks)
    {
        ArrayShape.Check(values, regions, weeks, 1, nameof(values));
        var scaled = new float[values.Length];
        for (int r = 0; r < regions; r++)
        {
            var region = values.AsSpan(r * weeks, weeks);
            if (weeks == 0) continue;
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (var v in region) { min = Math.Min(min, v); max = Math.Max(max, v); }
            float range = max - min;
            for (int t = 0; t < weeks; t++)
                scaled[r * weeks + t] = range <= FlatRange ? 0.5f : (region[t] - min) / range;
        }
        return scaled;
    }

    /// <summary>Pads [R*weeks] on the left to [R*totalWeeks] by repeating each region's first value, as the reference does.</summary>
    public static float[] PadLeft(float[] components, int regions, int weeks, int totalWeeks)
    {
        ArrayShape.Check(components, regions, weeks, 1, nameof(components));
        if (totalWeeks < weeks) throw new ArgumentOutOfRangeException(nameof(totalWeeks));
        int padding = totalWeeks - weeks;
        var padded = new float[regions * totalWeeks];
        for (int r = 0; r < regions; r++)
        {
            float first = weeks > 0 ? components[r * weeks] : 0f;
            for (int t = 0; t < padding; t++) padded[r * totalWeeks + t] = first;
            Array.Copy(components, r * weeks, padded, r * totalWeeks + padding, weeks);
        }
        return padded;
    }
}
