using System.Text.Json.Nodes;
using Mmm.Science.Data;
using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

/// <summary>Small, fully populated outputs for writer/reader tests.</summary>
internal static class SampleOutputs
{
    public static FitOutputs Create()
    {
        var d0 = new DateOnly(2020, 1, 6);
        string[] split = [SplitLabels.BurnIn, SplitLabels.Train, SplitLabels.Train, SplitLabels.Holdout];
        string[] regions = ["north", "south"];
        double[] actual = [10, 12, 11, 13, /**/ 3, 4, 5, 4];
        double[] predicted = [9.5, 11, 11.5, 12, /**/ 2.5, 4.25, 4.5, 4];
        var fit = Enumerable.Range(0, actual.Length)
            .Select(i => new FitRow(regions[i / 4], d0.AddDays(7 * (i % 4)), actual[i], predicted[i], split[i % 4]))
            .ToList();
        var decomposition = fit.SelectMany(f => new DecompositionRow[]
        {
            new(f.Region, f.Date, ComponentTypes.Baseline, ComponentTypes.Baseline, f.Predicted - 1.5),
            new(f.Region, f.Date, ComponentTypes.Media, "tv", 1.0),
            new(f.Region, f.Date, ComponentTypes.Media, "radio", 0.5),
        }).ToList();
        var panel = new Panel
        {
            Source = "sample.parquet", Regions = regions, Dates = Enumerable.Range(0, 4).Select(t => d0.AddDays(7 * t)).ToList(), StepDays = 7,
            KpiName = "kpi", Channels = ["radio", "tv"], Controls = [], Kpi = actual,
            // radio spends 2 a week, tv 4 (media columns are spend unless named impressions_*)
            Media = Enumerable.Range(0, actual.Length).SelectMany(_ => new[] { 2.0, 4.0 }).ToArray(),
            ControlValues = [], Present = Enumerable.Repeat(true, actual.Length).ToArray(),
        };
        var channels = ChannelTotals.Compute(panel, decomposition, fit);
        var adjacency = AdjacencySelection.Select(["radio", "tv"], [0, 0.7, 0.1, 0], 0.3);
        var history = new List<HistoryRow>
        {
            new(0, 0, 1.5, 1.2, 0.3, 0.25, 1, 0, 0.1, 0.05, 12),
            new(1, 100, 0.5, 0.45, 0.05, 1e-9, 3, 0.25, 0.8, null, 3_000_000_000L),
        };
        var summary = new RunSummary
        {
            InstanceId = "mmm-sample-0123456789ab",
            Input = new InputSummary
            {
                Uri = "file:///data/sample.parquet", Etag = null, Rows = 8, Regions = 2, Periods = 4,
                Channels = ["radio", "tv"], Controls = [], AbsentCells = 0, IgnoredColumns = ["notes"],
            },
            EffectiveConfig = new JsonObject { ["dagMode"] = "notears", ["epochs"] = 1500 },
            Metrics = MetricsCalculator.Report(actual, predicted, Enumerable.Repeat(true, actual.Length).ToArray(), split, regions),
            Channels = channels,
            ResponseCurves = [new ResponseCurve("radio", 0.3, 1.5, 0.8), new ResponseCurve("tv", 0.55, 2.25, 1.2)],
            LiftTests = [new LiftTestResult("tv", new DateOnly(2024, 1, 8), new DateOnly(2024, 1, 15), ["north"], 2, 120, 10, 105, -1.5)],
            Dag = new DagSummary
            {
                Mode = "notears", FinalH = 1e-9, Rho = 3, Alpha = 0.25, Threshold = 0.3,
                SelectedEdges = adjacency.SelectedEdges.ToList(), Acyclic = adjacency.Acyclic, RemovedEdges = adjacency.RemovedEdges,
            },
            TimingsSeconds = new Dictionary<string, double> { ["validating"] = 0.5, ["training"] = 12.25 },
            Device = "cpu",
            Versions = new Dictionary<string, string> { ["pipeline"] = "0.1.0", ["TorchSharp"] = "0.107.0" },
        };
        return new FitOutputs(decomposition, fit, adjacency.Rows, history, summary, ChannelRow.From(channels));
    }
}
