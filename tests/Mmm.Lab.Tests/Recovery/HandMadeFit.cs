using Mmm.Science.Data;
using Mmm.Lab.Recovery;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Lab.Tests.Recovery;

/// <summary>Small fits and truths written by hand, so the scores can be worked out on paper.</summary>
internal static class HandMadeFit
{
    public static readonly DateOnly Week1 = new(2024, 1, 1), Week2 = new(2024, 1, 8);

    /// <param name="rows">(region, date, actual, split, model contribution per channel).</param>
    public static FitResult Fit(string[] channels, (string Region, DateOnly Date, double Actual, string Split, double[] Model)[] rows,
        double[]? weights = null, double? holdoutWape = null, double? last13Wape = null, double? trainMeanWape = null)
    {
        var decomposition = rows.SelectMany(r => r.Model.Select((v, c) => new DecompositionRow(r.Region, r.Date, ComponentTypes.Media, channels[c], v))
            .Append(new DecompositionRow(r.Region, r.Date, ComponentTypes.Baseline, ComponentTypes.Baseline, r.Actual - r.Model.Sum()))).ToList();
        var fit = rows.Select(r => new FitRow(r.Region, r.Date, r.Actual, r.Actual, r.Split)).ToList();
        var adjacency = AdjacencySelection.Select(channels, weights ?? new double[channels.Length * channels.Length], threshold: 0.3);
        var metrics = new MetricsReport
        {
            Holdout = holdoutWape is null ? null : Metrics(holdoutWape),
            Baselines = new BaselineMetrics
            {
                RegionTrainMean = trainMeanWape is null ? null : Metrics(trainMeanWape),
                RegionLast13Mean = last13Wape is null ? null : Metrics(last13Wape),
            },
        };
        return new FitResult(decomposition, fit, adjacency, metrics, ChannelTotals.Compute(PanelOf(channels, rows), decomposition, fit),
            FinalH: 0, new NotearsState(true, 1, 0), EpochsTrained: 100, RestoredBestEpoch: null);
    }

    /// <summary>The panel behind the rows: their regions, dates and KPI, one unit of spend per channel and cell.</summary>
    private static Panel PanelOf(string[] channels, (string Region, DateOnly Date, double Actual, string Split, double[] Model)[] rows)
    {
        var regions = rows.Select(r => r.Region).Distinct().ToArray();
        var dates = rows.Select(r => r.Date).Distinct().Order().ToArray();
        var kpi = new double[regions.Length * dates.Length];
        var present = new bool[kpi.Length];
        foreach (var row in rows)
        {
            int cell = Array.IndexOf(regions, row.Region) * dates.Length + Array.IndexOf(dates, row.Date);
            (kpi[cell], present[cell]) = (row.Actual, true);
        }
        return new Panel
        {
            Source = "hand-made", Regions = regions, Dates = dates, StepDays = 7, KpiName = "kpi", Channels = channels, Controls = [],
            Kpi = kpi, Media = Enumerable.Repeat(1.0, kpi.Length * channels.Length).ToArray(), ControlValues = [], Present = present,
        };
    }

    public static RecoveryTruth Truth(string[] channels, (string Region, DateOnly Date, double[] Contribution, double[] Spend)[] rows, params PlantedEdge[] edges) => new()
    {
        Channels = channels,
        Contributions = rows.ToDictionary(r => new RowKey(r.Region, r.Date), r => r.Contribution),
        Spend = rows.ToDictionary(r => new RowKey(r.Region, r.Date), r => r.Spend),
        Edges = edges,
    };

    private static SplitMetrics Metrics(double? wape) => new() { Cells = 1, Rmse = 0, Mae = 0, Wape = wape, MapeSkippedCells = 0, RegionsScored = 0 };
}
