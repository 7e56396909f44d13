using System.Text.Json;
using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Tests.Support;
using Mmm.Workflow.Orchestration;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Engine;

/// <summary>
/// The real <see cref="MmmOrchestrator"/> on the real engine (DurableTask.Core on DurableTask.AzureStorage, Azurite),
/// through the adapter onto DurableTask.Core's OrchestrationContext, with fake activities: the contracts' JSON round
/// trip through the engine (positional records, nested lists, +Infinity in the dual state), replay through the
/// NOTEARS schedule, the failure path. No training.
/// </summary>
public sealed class MmmOrchestratorOnEngineTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_training_orchestrator_runs_to_completion_with_its_records_round_tripped()
    {
        var fakes = new FakeActivities();
        await using var engine = await azurite.StartEngineAsync(AzuriteFixture.NewHub(), fakes.Bindings, output);

        Assert.True(await engine.Client.StartAsync(MmmOrchestrator.Name, "mmm-sales-1", FakeActivities.Run("sales")));
        var state = await Wait.ForFinishedAsync(engine.Client, "mmm-sales-1");

        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(new RunOutput("http://store/mmm-output/sales/id", 0.91, 0.85, 0.12, 0.0625, 3), state.Output.Deserialize<RunOutput>(WorkflowJson.Options));
        Assert.Equal(FakeActivities.Run("sales"), state.Input.Deserialize<RunInput>(WorkflowJson.Options));
        var status = state.CustomStatus.Deserialize<RunStatus>(WorkflowJson.Options)!;
        Assert.Equal((Phases.Writing, 99.0, 3), (status.Phase, status.Percent, status.Epoch));

        // Each activity ran once although the orchestrator replayed after every one of them.
        Assert.Equal([1, 1, 3, 4, 1, 1, 0], new[] { ActivityNames.ValidateAndScale, ActivityNames.WarmStart, ActivityNames.TrainOuterIteration,
            ActivityNames.FitRefits, ActivityNames.WriteOutputFiles, ActivityNames.CommitOutputs, ActivityNames.WriteFailure }.Select(fakes.RunsOf));
        // The default 20 members fan out as 4 batches of 5 from the warm checkpoint; WriteOutputFiles gets all 20, in order.
        Assert.Equal([0, 5, 10, 15], fakes.Refits.Select(r => r.First).Order());
        Assert.All(fakes.Refits, r => Assert.Equal("http://store/mmm-work/sales/id/checkpoint-warm.bin", r.Activity.CheckpointIn));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (double)i), fakes.WroteOutputFiles!.Refits!.Members!.Select(m => m[0]));
        Assert.Equal((20, 20), (status.MembersDone, status.Members));

        // The dual state travelled through JSON and back (no previous h yet: null), and the schedule advanced between blocks.
        var blocks = fakes.Blocks.ToList();
        Assert.Equal([1, 2, 3], blocks.Select(b => b.OuterIteration));
        Assert.False(blocks[0].Duals.Active);
        Assert.Null(blocks[0].Duals.HPrevious);
        Assert.True(blocks[1].Duals.Active);
        Assert.True(blocks[2].Duals.Alpha > blocks[1].Duals.Alpha);
        Assert.Equal(3, fakes.WroteOutputFiles!.History.Count);
        Assert.Equal(["refits", "scaling", "training", "warm_start"], fakes.WroteOutputFiles.TimingsSeconds.Keys.Order());
        Assert.All(fakes.WroteOutputFiles.TimingsSeconds.Values, seconds => Assert.True(seconds >= 0));
        Assert.Equal("http://store/mmm-work/sales/id/checkpoint-0003.bin", fakes.WroteOutputFiles.Activity.CheckpointIn);

        // The history as the management API shows it: one completed task per activity call, in order, with its function name.
        var history = (await engine.Client.GetAsync("mmm-sales-1", showHistory: true))!.HistoryEvents!;
        output.WriteLine(string.Join("\n", history.Select(e => e.ToJsonString())));
        // The refits run next to the blocks, so their completions interleave with the blocks' in any order.
        var completed = history.Where(e => (string?)e["EventType"] == "TaskCompleted").Select(e => (string?)e["FunctionName"]).ToList();
        Assert.Equal([ActivityNames.ValidateAndScale, ActivityNames.WarmStart], completed.Take(2));
        Assert.Equal([ActivityNames.WriteOutputFiles, ActivityNames.CommitOutputs], completed.TakeLast(2));
        Assert.Equal([.. Enumerable.Repeat(ActivityNames.FitRefits, 4), .. Enumerable.Repeat(ActivityNames.TrainOuterIteration, 3)],
            completed.Skip(2).Take(7).Order(StringComparer.Ordinal));
        Assert.Equal("ExecutionStarted", (string?)history[0]["EventType"]);
        Assert.Equal("ExecutionCompleted", (string?)history[^1]["EventType"]);
        // The activities' times in this process are what run/demo report as time inside activities.
        Assert.Equal(11, engine.Journal.For("mmm-sales-1").Count);
    }

    [Fact]
    public async Task Bad_input_writes_the_failure_and_ends_the_orchestration_failed_with_the_message()
    {
        var fakes = new FakeActivities { InputError = new RunError("missing_column", "column 'kpi' is missing", new Dictionary<string, string?> { ["column"] = "kpi" }) };
        await using var engine = await azurite.StartEngineAsync(AzuriteFixture.NewHub(), fakes.Bindings, output);

        await engine.Client.StartAsync(MmmOrchestrator.Name, "mmm-bad-1", FakeActivities.Run("bad"));
        var state = await Wait.ForFinishedAsync(engine.Client, "mmm-bad-1");

        Assert.Equal(RuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("[missing_column] column 'kpi' is missing", state.Output!.GetValue<string>());
        Assert.Equal("kpi", fakes.Failure!.Error.Details!["column"]);
        Assert.Equal("mmm-bad-1", fakes.Failure.InstanceId);
        Assert.Equal(1, fakes.RunsOf(ActivityNames.WriteFailure));
        Assert.Equal(0, fakes.RunsOf(ActivityNames.WarmStart));
    }
}
