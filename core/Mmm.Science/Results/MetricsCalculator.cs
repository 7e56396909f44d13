namespace Mmm.Science.Results;

/// <summary>
/// The honest metrics of docs/model.md §7. Inputs are row-major [region, period] arrays like
/// <see cref="Data.Panel"/>, a present mask (absent cells of ragged regions are never scored) and one
/// split label per period (<see cref="SplitLabels"/>), shared by all regions. Burn-in cells belong to
/// neither train nor holdout and are never scored.
/// </summary>
public static class MetricsCalculator
{
    /// <summary>
    /// The model on train and holdout, and the naive forecasts on the holdout. The model's predictions are
    /// clamped at 0 here (a KPI is never negative), so callers pass the raw prediction.
    /// </summary>
    public static MetricsReport Report(
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> predicted,
        ReadOnlySpan<bool> present,
        IReadOnlyList<string> periodSplit,
        IReadOnlyList<string>? regionNames = null)
    {
        int periods = CheckShape(actual.Length, present.Length, periodSplit);
        if (predicted.Length != actual.Length) throw new ArgumentException("predicted must have the length of actual");
        var clamped = new double[predicted.Length];
        for (int i = 0; i < clamped.Length; i++) clamped[i] = Math.Max(0, predicted[i]);

        var train = SplitCells(present, periodSplit, SplitLabels.Train);
        var holdout = SplitCells(present, periodSplit, SplitLabels.Holdout);
        bool hasHoldout = holdout.Contains(true);

        BaselineMetrics baselines = new();
        if (hasHoldout)
        {
            // A naive forecaster uses every week before the holdout: burn-in weeks are history to it.
            var history = periodSplit.Select(l => l == SplitLabels.BurnIn ? SplitLabels.Train : l).ToList();
            baselines = new BaselineMetrics
            {
                RegionTrainMean = ScoreForecast(actual, NaiveForecasts.RegionTrainMean(actual, present, history), holdout, periods, regionNames),
                RegionLast13Mean = ScoreForecast(actual, NaiveForecasts.RegionLastTrainMean(actual, present, history, 13), holdout, periods, regionNames),
                SeasonalNaive52 = ScoreForecast(actual, NaiveForecasts.Seasonal(actual, present, periods, 52), holdout, periods, regionNames),
            };
        }
        return new MetricsReport
        {
            Train = Score(actual, clamped, train, periods, regionNames),
            Holdout = hasHoldout ? Score(actual, clamped, holdout, periods, regionNames) : null,
            Baselines = baselines,
        };
    }

    /// <summary>Metrics of <paramref name="predicted"/> (as given, not clamped) on the present cells of one split.</summary>
    public static SplitMetrics? ForSplit(
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> predicted,
        ReadOnlySpan<bool> present,
        IReadOnlyList<string> periodSplit,
        string split,
        IReadOnlyList<string>? regionNames = null)
    {
        int periods = CheckShape(actual.Length, present.Length, periodSplit);
        return Score(actual, predicted, SplitCells(present, periodSplit, split), periods, regionNames);
    }

    /// <summary>Cells that are present and whose period carries <paramref name="split"/>.</summary>
    public static bool[] SplitCells(ReadOnlySpan<bool> present, IReadOnlyList<string> periodSplit, string split)
    {
        int periods = periodSplit.Count;
        var cells = new bool[present.Length];
        for (int i = 0; i < cells.Length; i++) cells[i] = present[i] && periodSplit[i % periods] == split;
        return cells;
    }

    /// <summary>
    /// Metrics of a forecast on the cells where <paramref name="include"/> is true; null when there is none.
    /// <paramref name="regionNames"/> names the regions in <see cref="SplitMetrics.WithinRegionR2"/> (default: their index).
    /// </summary>
    public static SplitMetrics? Score(
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> forecast,
        ReadOnlySpan<bool> include,
        int periods,
        IReadOnlyList<string>? regionNames = null)
    {
        if (forecast.Length != actual.Length || include.Length != actual.Length || periods <= 0 || actual.Length % periods != 0)
            throw new ArgumentException("actual, forecast and include must all be [regions * periods]");
        int regions = actual.Length / periods;
        if (regionNames is not null && regionNames.Count != regions)
            throw new ArgumentException($"{regionNames.Count} region names for {regions} regions");

        var pooled = new Accumulator();
        var withinRegion = new Dictionary<string, double>(StringComparer.Ordinal);
        var regionR2 = new List<double>();
        int mapeCells = 0, mapeSkipped = 0;
        double apeSum = 0;
        for (int r = 0; r < regions; r++)
        {
            var region = new Accumulator();
            for (int t = 0; t < periods; t++)
            {
                int cell = r * periods + t;
                if (!include[cell]) continue;
                double y = actual[cell], e = y - forecast[cell];
                pooled.Add(y, e);
                region.Add(y, e);
                if (y != 0) { apeSum += Math.Abs(e) / Math.Abs(y); mapeCells++; }
                else mapeSkipped++;
            }
            if (region.Count >= 2 && region.R2() is double r2)
            {
                regionR2.Add(r2);
                withinRegion[regionNames?[r] ?? r.ToString(System.Globalization.CultureInfo.InvariantCulture)] = r2;
            }
        }
        if (pooled.Count == 0) return null;
        return new SplitMetrics
        {
            Cells = pooled.Count,
            PooledR2 = pooled.R2(),
            Rmse = Math.Sqrt(pooled.Sse / pooled.Count),
            Mae = pooled.AbsErrorSum / pooled.Count,
            Wape = pooled.AbsActualSum > 0 ? pooled.AbsErrorSum / pooled.AbsActualSum : null,
            Mape = mapeCells > 0 ? apeSum / mapeCells : null,
            MapeSkippedCells = mapeSkipped,
            MedianWithinRegionR2 = Median(regionR2),
            RegionsScored = regionR2.Count,
            WithinRegionR2 = withinRegion,
        };
    }

    internal static int CheckShape(int cells, int presentLength, IReadOnlyList<string> periodSplit)
    {
        int periods = periodSplit.Count;
        if (periods == 0 || cells != presentLength || cells % periods != 0)
            throw new ArgumentException($"arrays of {cells} and {presentLength} cells do not make [regions * {periods}] periods");
        foreach (var label in periodSplit)
            if (label is not (SplitLabels.BurnIn or SplitLabels.Train or SplitLabels.Holdout))
                throw new ArgumentException($"unknown split label '{label}'");
        return periods;
    }

    private static SplitMetrics? ScoreForecast(ReadOnlySpan<double> actual, NaiveForecast forecast, bool[] cells, int periods, IReadOnlyList<string>? regionNames)
    {
        var include = new bool[cells.Length];
        for (int i = 0; i < include.Length; i++) include[i] = cells[i] && forecast.Defined[i];
        return Score(actual, forecast.Values, include, periods, regionNames);
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        int mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>Running sums for R², RMSE, MAE and WAPE; SST via Welford so large KPI levels keep precision.</summary>
    private struct Accumulator
    {
        private double _mean, _m2;
        public int Count;
        public double Sse, AbsErrorSum, AbsActualSum;

        public void Add(double y, double error)
        {
            Count++;
            double delta = y - _mean;
            _mean += delta / Count;
            _m2 += delta * (y - _mean);
            Sse += error * error;
            AbsErrorSum += Math.Abs(error);
            AbsActualSum += Math.Abs(y);
        }

        public readonly double? R2() => _m2 > 0 ? 1 - Sse / _m2 : null;
    }
}
