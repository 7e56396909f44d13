namespace Mmm.Science.Scaling;

/// <summary>
/// The fixed seasonality regressors: Fourier terms of the calendar position, so that every week (holdout
/// included) gets the values of its own day of the year, whatever the training length.
/// </summary>
public static class CalendarSeasonality
{
    public const int DefaultHarmonics = 2;
    public const double DaysPerYear = 365.25;

    /// <summary>
    /// [T*2K] row-major: for each date, sin(k*phi), cos(k*phi) for k = 1..K, where
    /// phi = 2*pi*dayOfYear/365.25.
    /// </summary>
    public static float[] Fourier(IReadOnlyList<DateOnly> dates, int harmonics = DefaultHarmonics)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (harmonics < 1) throw new ArgumentOutOfRangeException(nameof(harmonics), "Need at least one harmonic.");
        var features = new float[dates.Count * 2 * harmonics];
        for (int t = 0; t < dates.Count; t++)
        {
            double phase = 2 * Math.PI * dates[t].DayOfYear / DaysPerYear;
            for (int k = 1; k <= harmonics; k++)
            {
                int column = t * 2 * harmonics + 2 * (k - 1);
                features[column] = (float)Math.Sin(k * phase);
                features[column + 1] = (float)Math.Cos(k * phase);
            }
        }
        return features;
    }
}
