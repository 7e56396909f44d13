namespace Mmm.Science.Results;

/// <summary>
/// Goodness of fit on one set of cells (docs/model.md §7). A value is null where it is undefined
/// (zero variance, zero actual sum, no region to score).
/// </summary>
public sealed record SplitMetrics
{
    /// <summary>Cells scored (present input rows of the split that the forecast covers).</summary>
    public required int Cells { get; init; }
    /// <summary>1 - SSE/SST over all cells pooled across regions.</summary>
    public double? PooledR2 { get; init; }
    public required double Rmse { get; init; }
    public required double Mae { get; init; }
    /// <summary>sum|e| / sum|y|.</summary>
    public double? Wape { get; init; }
    /// <summary>mean |e|/|y| over cells with y != 0.</summary>
    public double? Mape { get; init; }
    /// <summary>Cells left out of MAPE because y = 0.</summary>
    public required int MapeSkippedCells { get; init; }
    /// <summary>Median over regions of the within-region R².</summary>
    public double? MedianWithinRegionR2 { get; init; }
    /// <summary>Regions with a within-region R² (at least 2 cells and nonzero variance).</summary>
    public required int RegionsScored { get; init; }
    /// <summary>Region name -> within-region R², for the scored regions.</summary>
    public IReadOnlyDictionary<string, double> WithinRegionR2 { get; init; } = new Dictionary<string, double>();
}

/// <summary>The metrics of a run: the model on train and holdout, and naive forecasts on the holdout.</summary>
public sealed record MetricsReport
{
    public SplitMetrics? Train { get; init; }
    /// <summary>Null when the run has no holdout.</summary>
    public SplitMetrics? Holdout { get; init; }
    public required BaselineMetrics Baselines { get; init; }
}

/// <summary>Naive forecasts scored on the holdout cells (each null when there is no holdout).</summary>
public sealed record BaselineMetrics
{
    /// <summary>Each region's mean over its present train cells.</summary>
    public SplitMetrics? RegionTrainMean { get; init; }
    /// <summary>Each region's mean over its last 13 present train cells.</summary>
    public SplitMetrics? RegionLast13Mean { get; init; }
    /// <summary>y[t-52]; holdout cells whose t-52 is absent or before the calendar are left out.</summary>
    public SplitMetrics? SeasonalNaive52 { get; init; }
}
