namespace Mmm.Science.Results;

/// <summary>A forecast over a [R*T] panel; <see cref="Defined"/> is false where it has no value.</summary>
public sealed record NaiveForecast(double[] Values, bool[] Defined);

/// <summary>
/// The naive forecasts of docs/model.md §7, built from the actual KPI of the train cells only.
/// Arrays are row-major [region, period] like <see cref="Data.Panel"/>.
/// </summary>
public static class NaiveForecasts
{
    /// <summary>Every cell of a region gets the mean of the region's present train cells.</summary>
    public static NaiveForecast RegionTrainMean(ReadOnlySpan<double> actual, ReadOnlySpan<bool> present, IReadOnlyList<string> periodSplit) =>
        RegionLastTrainMean(actual, present, periodSplit, int.MaxValue);

    /// <summary>Every cell of a region gets the mean of the region's last <paramref name="weeks"/> present train cells.</summary>
    public static NaiveForecast RegionLastTrainMean(ReadOnlySpan<double> actual, ReadOnlySpan<bool> present, IReadOnlyList<string> periodSplit, int weeks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        int periods = MetricsCalculator.CheckShape(actual.Length, present.Length, periodSplit);
        int regions = actual.Length / periods;
        var values = new double[actual.Length];
        var defined = new bool[actual.Length];
        for (int r = 0; r < regions; r++)
        {
            double sum = 0;
            int count = 0;
            for (int t = periods - 1; t >= 0 && count < weeks; t--)
            {
                int cell = r * periods + t;
                if (!present[cell] || periodSplit[t] != SplitLabels.Train) continue;
                sum += actual[cell];
                count++;
            }
            if (count == 0) continue;
            double mean = sum / count;
            for (int t = 0; t < periods; t++)
            {
                values[r * periods + t] = mean;
                defined[r * periods + t] = true;
            }
        }
        return new NaiveForecast(values, defined);
    }

    /// <summary>y[t - lag] of the same region; undefined where t - lag is before the calendar or absent.</summary>
    public static NaiveForecast Seasonal(ReadOnlySpan<double> actual, ReadOnlySpan<bool> present, int periods, int lag = 52)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lag, 1);
        if (actual.Length != present.Length || periods <= 0 || actual.Length % periods != 0)
            throw new ArgumentException("actual and present must both be [regions * periods]");
        var values = new double[actual.Length];
        var defined = new bool[actual.Length];
        for (int cell = 0; cell < actual.Length; cell++)
        {
            int t = cell % periods;
            if (t < lag || !present[cell - lag]) continue;
            values[cell] = actual[cell - lag];
            defined[cell] = true;
        }
        return new NaiveForecast(values, defined);
    }
}
