using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

public class MetricsCalculatorTests
{
    // Two regions x 5 periods: burn-in, 3 train weeks, 1 holdout week. Region A is absent in the holdout.
    private static readonly string[] Split = [SplitLabels.BurnIn, SplitLabels.Train, SplitLabels.Train, SplitLabels.Train, SplitLabels.Holdout];
    private static readonly string[] Regions = ["A", "B"];
    private static readonly double[] Actual = [100, 1, 2, 3, 0, /**/ 50, 0, 4, 8, 10];
    private static readonly double[] Predicted = [0, 1, 2, 5, 999, /**/ 0, 1, 4, 6, -2];
    private static readonly bool[] Present = [true, true, true, true, false, /**/ true, true, true, true, true];

    [Fact]
    public void Train_metrics_match_hand_computation()
    {
        // Train cells: y = 1,2,3 | 0,4,8; e = y - p = 0,0,-2 | -1,0,2. Mean y 3, SST 40, SSE 9.
        var m = MetricsCalculator.ForSplit(Actual, Predicted, Present, Split, SplitLabels.Train, Regions)!;
        Assert.Equal(6, m.Cells);
        Assert.Equal(1 - 9.0 / 40, m.PooledR2!.Value, 12);
        Assert.Equal(Math.Sqrt(9.0 / 6), m.Rmse, 12);
        Assert.Equal(5.0 / 6, m.Mae, 12);
        Assert.Equal(5.0 / 18, m.Wape!.Value, 12);
        // MAPE over the 5 nonzero cells: (0 + 0 + 2/3 + 0 + 2/8) / 5; B's y = 0 is skipped.
        Assert.Equal((2.0 / 3 + 0.25) / 5, m.Mape!.Value, 12);
        Assert.Equal(1, m.MapeSkippedCells);
        // Within-region: A SST 2, SSE 4 -> -1; B SST 32, SSE 5 -> 27/32. Median of two = their mean.
        Assert.Equal(-1, m.WithinRegionR2["A"], 12);
        Assert.Equal(27.0 / 32, m.WithinRegionR2["B"], 12);
        Assert.Equal((-1 + 27.0 / 32) / 2, m.MedianWithinRegionR2!.Value, 12);
        Assert.Equal(2, m.RegionsScored);
    }

    [Fact]
    public void Report_clamps_predictions_at_zero_and_skips_absent_and_burn_in_cells()
    {
        var report = MetricsCalculator.Report(Actual, Predicted, Present, Split, Regions);

        // Only B's holdout week counts (A is absent there); its prediction -2 is clamped to 0: e = 10.
        var holdout = report.Holdout!;
        Assert.Equal(1, holdout.Cells);
        Assert.Equal(10, holdout.Rmse, 12);
        Assert.Equal(10, holdout.Mae, 12);
        Assert.Equal(1, holdout.Wape!.Value, 12);
        Assert.Null(holdout.PooledR2);            // one cell: no variance
        Assert.Null(holdout.MedianWithinRegionR2); // no region has 2 cells
        Assert.Equal(0, holdout.RegionsScored);

        // Unclamped, the same cell has e = 12.
        Assert.Equal(12, MetricsCalculator.ForSplit(Actual, Predicted, Present, Split, SplitLabels.Holdout)!.Rmse, 12);
        // The burn-in cells (errors 100 and 50) are in neither split.
        Assert.Equal(Math.Sqrt(9.0 / 6), report.Train!.Rmse, 12);
    }

    [Fact]
    public void Baselines_are_scored_on_the_holdout_only_where_defined()
    {
        var report = MetricsCalculator.Report(Actual, Predicted, Present, Split, Regions);
        // Burn-in weeks are history to a naive forecaster: B's mean of weeks 0..3 and of its last (up to 13)
        // weeks before the holdout are both (50+0+4+8)/4 = 15.5: e = -5.5.
        Assert.Equal(5.5, report.Baselines.RegionTrainMean!.Rmse, 12);
        Assert.Equal(5.5, report.Baselines.RegionLast13Mean!.Rmse, 12);
        // t - 52 is before the calendar for every cell: no seasonal forecast at all.
        Assert.Null(report.Baselines.SeasonalNaive52);
    }

    [Fact]
    public void No_holdout_gives_null_holdout_and_baselines()
    {
        string[] split = [SplitLabels.Train, SplitLabels.Train, SplitLabels.Train];
        var report = MetricsCalculator.Report([1, 2, 3], [1, 2, 2], [true, true, true], split);
        Assert.NotNull(report.Train);
        Assert.Null(report.Holdout);
        Assert.Null(report.Baselines.RegionTrainMean);
        Assert.Null(report.Baselines.SeasonalNaive52);
    }

    [Fact]
    public void Within_region_r2_skips_single_cell_and_constant_regions()
    {
        string[] split = [SplitLabels.Train, SplitLabels.Train, SplitLabels.Train];
        double[] actual = [1, 2, 3, /**/ 5, 5, 5, /**/ 7, 0, 0];
        double[] predicted = [1, 2, 4, /**/ 5, 6, 5, /**/ 7, 0, 0];
        bool[] present = [true, true, true, /**/ true, true, true, /**/ true, false, false];
        var m = MetricsCalculator.ForSplit(actual, predicted, present, split, SplitLabels.Train, ["x", "constant", "single"])!;
        Assert.Equal(7, m.Cells);
        Assert.Equal(1, m.RegionsScored);
        Assert.Equal(["x"], m.WithinRegionR2.Keys);
        Assert.Equal(1 - 1.0 / 2, m.MedianWithinRegionR2!.Value, 12); // x: SST 2, SSE 1
    }

    [Fact]
    public void Median_of_odd_count_is_the_middle_value()
    {
        string[] split = [SplitLabels.Train, SplitLabels.Train];
        // R² per region: [0,2]->[0,2]: 1; [0,2]->[1,1]: 0; [0,2]->[2,0]: -3.
        double[] actual = [0, 2, 0, 2, 0, 2];
        double[] predicted = [0, 2, 1, 1, 2, 0];
        var m = MetricsCalculator.ForSplit(actual, predicted, [true, true, true, true, true, true], split, SplitLabels.Train)!;
        Assert.Equal(3, m.RegionsScored);
        Assert.Equal(0, m.MedianWithinRegionR2!.Value, 12);
        Assert.Equal(-3, m.WithinRegionR2["2"], 12);
    }

    [Fact]
    public void Naive_forecasts_use_train_cells_and_skip_absent_lags()
    {
        string[] split = [SplitLabels.BurnIn, SplitLabels.Train, SplitLabels.Train, SplitLabels.Train, SplitLabels.Holdout];
        double[] actual = [9, 1, 2, 6, 100];
        bool[] present = [true, true, false, true, true];

        var mean = NaiveForecasts.RegionTrainMean(actual, present, split);
        Assert.Equal(3.5, mean.Values[4]); // (1 + 6) / 2: burn-in, absent and holdout cells excluded

        var last1 = NaiveForecasts.RegionLastTrainMean(actual, present, split, 1);
        Assert.Equal(6, last1.Values[4]);

        var seasonal = NaiveForecasts.Seasonal(actual, present, periods: 5, lag: 2);
        Assert.Equal([false, false, true, true, false], seasonal.Defined); // t=4 needs t=2, which is absent
        Assert.Equal(9, seasonal.Values[2]);
        Assert.Equal(1, seasonal.Values[3]);
    }

    [Fact]
    public void Rejects_mismatched_shapes_and_unknown_labels()
    {
        Assert.Throws<ArgumentException>(() => MetricsCalculator.Report([1, 2, 3], [1, 2, 3], [true, true, true], [SplitLabels.Train, SplitLabels.Train]));
        Assert.Throws<ArgumentException>(() => MetricsCalculator.Report([1, 2], [1, 2], [true, true], [SplitLabels.Train, "test"]));
    }
}
