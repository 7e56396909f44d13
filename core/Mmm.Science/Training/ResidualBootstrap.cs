namespace Mmm.Science.Training;

/// <summary>
/// Noise for refits, drawn from the fit's own residuals: per region, a circular block bootstrap over its fitted weeks
/// (blocks of <see cref="BlockWeeks"/> consecutive weeks, each from a random start in the same region), so the
/// residuals' autocorrelation and each region's own noise level carry over. With random signs (wild) the noise has
/// mean zero whatever the residuals' mean, which an ensemble member that adds it to the observed KPI needs.
/// </summary>
public static class ResidualBootstrap
{
    /// <summary>Long enough to keep a few weeks of residual autocorrelation, short enough to give many blocks in two years.</summary>
    public const int BlockWeeks = 6;

    /// <param name="residuals">[R*T] residuals (0 outside the fitted cells).</param>
    /// <param name="fitted">[R*T] 1 on the fitted cells.</param>
    /// <param name="signs">true: each block gets a random sign (wild bootstrap, mean zero).</param>
    /// <returns>[R*T] resampled residuals on the fitted cells, 0 elsewhere.</returns>
    public static float[] Draw(float[] residuals, float[] fitted, int regions, int periods, Random random, bool signs)
    {
        var noise = new float[residuals.Length];
        for (int r = 0; r < regions; r++)
        {
            var cells = Enumerable.Range(0, periods).Select(t => r * periods + t).Where(i => fitted[i] > 0).ToArray();
            if (cells.Length == 0) continue;
            for (int start = 0; start < cells.Length; start += BlockWeeks)
            {
                int source = random.Next(cells.Length);
                float sign = signs && random.Next(2) == 0 ? -1 : 1;
                for (int i = start; i < Math.Min(cells.Length, start + BlockWeeks); i++)
                    noise[cells[i]] = sign * residuals[cells[(source + i - start) % cells.Length]];
            }
        }
        return noise;
    }
}
