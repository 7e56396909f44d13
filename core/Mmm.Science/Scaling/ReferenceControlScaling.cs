namespace Mmm.Science.Scaling;

/// <summary>Per-control constants fitted by the reference scaler, float32 as the reference holds them.</summary>
/// <param name="Median">torch.median (lower middle value) over the training cells.</param>
/// <param name="Scale">IQR * 1.349 in float32 (the reference multiplies where it should divide).</param>
public sealed record ReferenceControlFit(float[] Median, float[] Q25, float[] Q75, float[] Scale);

/// <summary>One reference transform: the clipped values plus the clip rule's inputs, for diagnostics.</summary>
/// <param name="StdRatio">std(scaled before clip) / std(raw), unbiased, over the whole tensor.</param>
/// <param name="Clip">3.5 when <paramref name="StdRatio"/> &gt; 2, else 5.</param>
public sealed record ReferenceControlTransform(float[] Scaled, double StdRatio, float Clip);

/// <summary>
/// The reference control scaling: (x - median) / (IQR*1.349 + 1e-8), then a clip decided inside each
/// transform call. A column with IQR 0 is divided by 1e-8 and saturates the clip.
/// </summary>
public static class ReferenceControlScaling
{
    public const float IqrFactor = 1.349f;
    public const float ZeroThreshold = 1e-8f;
    public const double ExtremeStdRatio = 2.0;
    public const float AggressiveClip = 3.5f;
    public const float StandardClip = 5.0f;

    /// <summary>Fits on every included (region, week) cell of <paramref name="raw"/> [B*T*K], the training weeks only.</summary>
    public static ReferenceControlFit Fit(float[] raw, int regions, int weeks, int controls, bool[]? present = null)
    {
        ArrayShape.Check(raw, regions, weeks, controls, nameof(raw));
        ArrayShape.CheckMask(present, regions, weeks);
        var median = new float[controls];
        var q25 = new float[controls];
        var q75 = new float[controls];
        var scale = new float[controls];
        for (int k = 0; k < controls; k++)
        {
            var column = ArrayShape.IncludedColumn(raw, regions * weeks, controls, k, present);
            median[k] = OrderStatistics.TorchMedian(column);
            q25[k] = OrderStatistics.TorchQuantile(column, 0.25);
            q75[k] = OrderStatistics.TorchQuantile(column, 0.75);
            scale[k] = (q75[k] - q25[k]) * IqrFactor;
        }
        return new ReferenceControlFit(median, q25, q75, scale);
    }

    /// <summary>Scales <paramref name="raw"/> [B*T*K]; excluded cells come out 0 and take no part in the clip rule.</summary>
    public static ReferenceControlTransform Transform(float[] raw, int regions, int weeks, int controls,
        ReferenceControlFit fit, bool[]? present = null)
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
                scaled[i] = (raw[i] - fit.Median[k]) / (fit.Scale[k] + ZeroThreshold);
            }
        }

        double ratio = IncludedStd(scaled, controls, present) / IncludedStd(raw, controls, present);
        float clip = ratio > ExtremeStdRatio ? AggressiveClip : StandardClip;
        for (int i = 0; i < scaled.Length; i++) scaled[i] = Math.Clamp(scaled[i], -clip, clip);
        return new ReferenceControlTransform(scaled, ratio, clip);
    }

    /// <summary>The affine inverse; exact inside the clip range, clipped values come back at the boundary's preimage.</summary>
    public static double Inverse(ReferenceControlFit fit, int control, double scaled)
    {
        float divisor = fit.Scale[control] + ZeroThreshold;
        return scaled * divisor + fit.Median[control];
    }

    private static double IncludedStd(float[] values, int controls, bool[]? present) =>
        OrderStatistics.SampleStd(values.Where((_, i) => ArrayShape.IsIncluded(present, i / controls)).Select(v => (double)v));
}
