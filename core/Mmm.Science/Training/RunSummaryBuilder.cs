using System.Text.Json.Nodes;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>Assembles summary.json and the output tables from a finished run and where its input came from.</summary>
public static class RunSummaryBuilder
{
    public static FitOutputs Outputs(Panel panel, RunConfig config, FitResult result, IReadOnlyList<HistoryRow> history,
        IReadOnlyDictionary<string, double> timings, string device, string inputUri, string? etag, string? instanceId)
    {
        var plan = config.Budget is { } request && result.SavedModel is { } model ? Decisions.BudgetPlanner.Plan(model, request) : null;
        var summary = Summary(panel, config, result, timings, device, inputUri, etag, instanceId) with { Plan = plan?.Summary };
        return new(result.Decomposition, result.Fit, result.Adjacency.Rows, history, summary, ChannelRow.From(result.Channels))
        {
            Model = result.SavedModel is { } saved ? saved with { Options = summary.EffectiveConfig?.DeepClone() as JsonObject } : null,
            ResponseCurves = result.Decisions?.Curves,
            Carryover = result.Decisions?.Carryover,
            Plan = plan,
        };
    }

    public static RunSummary Summary(Panel panel, RunConfig config, FitResult result, IReadOnlyDictionary<string, double> timings,
        string device, string inputUri, string? etag, string? instanceId)
    {
        var o = config.Options;
        bool notears = o.DagMode == DagMode.Notears;
        return new RunSummary
        {
            InstanceId = instanceId,
            Input = new InputSummary
            {
                Uri = inputUri,
                Etag = etag,
                Rows = panel.RowCount,
                Regions = panel.RegionCount,
                Periods = panel.PeriodCount,
                Channels = panel.Channels,
                Controls = panel.Controls,
                AbsentCells = panel.AbsentCells,
                IgnoredColumns = panel.IgnoredColumns,
            },
            EffectiveConfig = JsonNode.Parse(config.ToJson()),
            Metrics = result.Metrics,
            Channels = result.Channels,
            ResponseCurves = result.ResponseCurves ?? [],
            LiftTests = result.LiftTests ?? [],
            RoiPriors = result.RoiPriors ?? [],
            SelfCheck = result.SelfCheck,
            HealthChecks = result.HealthChecks ?? [],
            Dag = new DagSummary
            {
                Mode = OptionChoice.Name(o.DagMode),
                FinalH = notears ? result.FinalH : null,
                Rho = notears ? result.Duals.Rho : null,
                Alpha = notears ? result.Duals.Alpha : null,
                Threshold = o.NotearsThreshold,
                SelectedEdges = result.Adjacency.SelectedEdges.ToList(),
                Acyclic = result.Adjacency.Acyclic,
                RemovedEdges = result.Adjacency.RemovedEdges,
            },
            TimingsSeconds = timings,
            Device = device,
            Versions = Versions(),
        };
    }

    public static IReadOnlyDictionary<string, string> Versions() => new Dictionary<string, string>
    {
        ["pipeline"] = typeof(RunSummaryBuilder).Assembly.GetName().Version?.ToString() ?? "0",
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?",
        ["libtorch"] = "2.10.0",
        ["dotnet"] = Environment.Version.ToString(),
        ["parquet.net"] = typeof(Parquet.ParquetReader).Assembly.GetName().Version?.ToString() ?? "?",
    };
}
