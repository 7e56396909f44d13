using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Hosting;
using Mmm.LocalHost.Settings;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Lab.Decisions;
using Mmm.Lab.Synthetic;
using Mmm.LocalHost.ConsoleOutput;
using Mmm.Science.Decisions;
using Mmm.Workflow.Orchestration;
using System.Globalization;
using System.Text.Json;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm demo</c> (its options: <see cref="DemoCli"/>): generates a synthetic panel with known truth (8 regions x 130 weeks, TV driving
/// search), runs it through the local pipeline like an upload, and prints recovered against true channel
/// shares and whether the planted DAG edge was found; then plans the run's budget through the planner orchestration and values the
/// plan under the true response.
/// </summary>
public static class DemoCommand
{
    /// <summary>Smaller than the defaults so the demo takes about a minute on two cores.</summary>
    public const string DemoConfig = """{"hidden": 32, "epochs": 800, "notearsWarmupEpochs": 200, "notearsDualUpdateEvery": 50, "seed": 1}""";

    public static async Task<int> RunAsync(string? outDir, ILoggerFactory logging)
    {
        var synthetic = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec());
        using var data = new MemoryStream();
        await PanelParquetWriter.WriteAsync(synthetic.Panel, data, DemoConfig);
        data.Position = 0;

        await using var pipeline = await LocalPipeline.StartAsync(LocalSettings.Load(), logging, "http://127.0.0.1:0");
        var run = await RunFollower.UploadAndFollowAsync(pipeline, data, "demo-synthetic.parquet", null, outDir ?? Path.Combine("out", "demo"));
        int code = RunCommand.Report(run);
        if (code != 0) return code;

        var summary = SummaryJson.Deserialize(File.ReadAllText(Path.Combine(run.OutputDirectory!, OutputTables.SummaryFile)));
        var truth = synthetic.Truth.ChannelShares().ToDictionary(s => s.Channel, s => s.Share);
        Console.WriteLine();
        Console.WriteLine($"{"channel",-16}{"true share",12}{"recovered",12}{"error (pp)",12}");
        foreach (var c in summary.Channels)
            Console.WriteLine($"{c.Channel,-16}{truth[c.Channel],12:P1}{c.All.ShareOfActual / 100,12:P1}{c.All.ShareOfActual - 100 * truth[c.Channel],12:+0.0;-0.0}");
        var adjacency = await OutputTables.Adjacency.ReadAsync(Path.Combine(run.OutputDirectory!, OutputTables.AdjacencyFile), default);
        foreach (var edge in synthetic.Truth.Edges)
        {
            var found = adjacency.Single(a => a.Source == edge.Source && a.Target == edge.Target);
            var reverse = adjacency.Single(a => a.Source == edge.Target && a.Target == edge.Source);
            Console.WriteLine($"planted edge {edge.Source} -> {edge.Target}: weight {found.Weight:F2}, selected {found.Selected} " +
                              $"(reverse weight {reverse.Weight:F2}, selected {reverse.Selected})");
        }
        return await PlanAsync(pipeline, run, synthetic);
    }

    /// <summary>
    /// The second orchestration on the finished run: the default plan request (the current budget over 13 weeks, each channel within
    /// half and twice its current spend) next to the run's outputs, planned by MmmPlanner from model.json, and the recommendation
    /// valued under the generator's true response against the true optimum of the same request.
    /// </summary>
    private static async Task<int> PlanAsync(LocalPipeline pipeline, FollowedRun run, SyntheticPanel synthetic)
    {
        Console.WriteLine();
        var plan = await PlanFollower.RequestAndFollowAsync(pipeline, run.InstanceId, "demo", "{}",
            Path.Combine(run.OutputDirectory!, PlanInputs.Folder, "demo"));
        if (plan.OutputDirectory is null)
        {
            Console.Error.WriteLine($"plan {plan.InstanceId} {plan.State.RuntimeStatus}: {RunFollower.FailureMessage(plan.State)}");
            return 1;
        }
        var summary = JsonSerializer.Deserialize<PlanSummary>(File.ReadAllText(Path.Combine(plan.OutputDirectory, OutputTables.PlanFile)), SummaryJson.Options)!;
        var budget = await OutputTables.Budget.ReadAsync(Path.Combine(plan.OutputDirectory, OutputTables.BudgetFile), default);
        PlanPrinter.Print(summary, budget);
        Console.WriteLine($"plan written to {plan.OutputDirectory}");

        var model = SavedModelJson.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory!, SavedModel.FileName)), SavedModel.FileName);
        var truth = PlannerTruthCheck.Score(synthetic, model);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"under the true response: the plan adds {truth.TrueGainOfPlan:N0} KPI over the current plan, the true optimum {truth.TrueOptimumGain:N0}: {100 * truth.CapturedGainShare:F1} % of the possible gain captured"));
        return 0;
    }
}
