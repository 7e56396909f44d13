namespace Mmm.Science.Scaling;

/// <summary>
/// Reference media scaling: share of voice per (region, week), in float32 as the reference computes it.
/// x / (sum_c x + 1e-8); a week whose channel total is &lt;= 1e-8 gets 1/C for every channel.
/// Not invertible (the week's total is discarded), and it couples channels: more of one lowers the others.
/// </summary>
public static class ShareOfVoice
{
    private const double ZeroThreshold = 1e-8;

    /// <param name="raw">[B*T*C] raw media, row-major.</param>
    /// <param name="present">Optional [B*T] mask; absent cells get 0 instead of 1/C.</param>
    public static float[] Transform(float[] raw, int regions, int weeks, int channels, bool[]? present = null)
    {
        ArrayShape.Check(raw, regions, weeks, channels, nameof(raw));
        ArrayShape.CheckMask(present, regions, weeks);
        var result = new float[raw.Length];
        float uniform = 1f / channels;
        for (int cell = 0; cell < regions * weeks; cell++)
        {
            if (present is not null && !present[cell]) continue;
            int offset = cell * channels;
            float total = 0f;
            for (int c = 0; c < channels; c++) total += raw[offset + c];
            float denominator = total + (float)ZeroThreshold;
            bool empty = total <= ZeroThreshold;
            for (int c = 0; c < channels; c++)
                result[offset + c] = empty ? uniform : raw[offset + c] / denominator;
        }
        return result;
    }
}
