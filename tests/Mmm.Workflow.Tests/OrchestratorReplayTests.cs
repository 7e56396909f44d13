using System.Text.Json;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;
using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Tests;

public class OrchestratorReplayTests
{
    private static readonly RunInput Input = new("sales", "http://127.0.0.1:10000/devstoreaccount1/mmm-input/sales.parquet", "\"0x1\"",
        "http://127.0.0.1:10000/devstoreaccount1/mmm-input/sales.json", "http://127.0.0.1:10000/devstoreaccount1/mmm-output/sales/mmm-sales-abc",
        "http://127.0.0.1:10000/devstoreaccount1/mmm-work/mmm-sales-abc");

    private static readonly MmmOptions Options = new() { Epochs = 500, NotearsWarmupEpochs = 200, NotearsDualUpdateEvery = 100 };

    /// <summary>Plays the activities: h halves every block (not below a quarter, so the reference schedule triples rho).</summary>
    private static object? Activities(string name, JsonElement input) => name switch
    {
        ActivityNames.ValidateAndScale => new PreparedRun(Options, Checkpoints.Initial(Input), 100, 2, 50, 3, 1, "cpu", null),
        ActivityNames.WarmStart => Checkpoints.WarmStarted(Input),
        ActivityNames.TrainOuterIteration => Block(input.Deserialize<TrainBlockInput>(ScriptedContext.Json)!),
        ActivityNames.FitRefits => Refits(input.Deserialize<RefitInput>(ScriptedContext.Json)!),
        ActivityNames.WriteOutputFiles => new WriteOutputFilesResult(0.9, 0.8, 0.1, 0.001, 500),
        _ => true,
    };

    /// <summary>A batch of refits whose totals name the refit: [index, index, index].</summary>
    private static RefitBatchResult Refits(RefitInput input) =>
        new(input.Kind, input.First, Enumerable.Range(input.First, input.Count).Select(i => new double[] { i, i, i }).ToList(),
            input.Kind == RefitKinds.Members ? Enumerable.Range(input.First, input.Count).Select(i => new[] { i % 2 == 0, false }).ToList() : null);

    /// <summary>The four member batches the default 20 members make, in the order the orchestrator starts them.</summary>
    private static IEnumerable<HistoryEntry> RefitHistory() => RefitPlan.Batches(Options).Select(b =>
        new HistoryEntry(ActivityNames.FitRefits, default,
            JsonSerializer.SerializeToElement(Refits(new RefitInput(null!, b.Kind, b.First, b.Count)), ScriptedContext.Json), null));

    private static TrainBlockResult Block(TrainBlockInput input)
    {
        var b = input.Block;
        double h = 0.4 / Math.Pow(2, b.OuterIteration);
        var row = new HistoryRow(b.OuterIteration, b.OuterIteration * b.Epochs, 0.5, 0.4, 0.1, h, b.Duals.Rho, b.Duals.Alpha, 0.9, 0.8, 1000);
        return new TrainBlockResult(new BlockReport(b.OuterIteration, b.Epochs, b.OuterIteration * b.Epochs, h, 0.5, 0.4, 0.1, 0.9, 0.8,
            false, 1.0, [row]), input.Activity.CheckpointOut!);
    }

    private static (ScriptedContext Context, Task<RunOutput> Run) Play(IReadOnlyList<HistoryEntry> history, bool script)
    {
        var ctx = new ScriptedContext("mmm-sales-abc", Input, history, script ? Activities : null);
        return (ctx, MmmOrchestrator.RunAsync(ctx));
    }

    [Fact]
    public async Task Replaying_the_recorded_history_makes_the_same_decisions_without_new_calls()
    {
        var (live, liveRun) = Play([], script: true);
        var output = await liveRun;
        // The history a host stores is JSON: replay from its serialised form.
        var recorded = JsonSerializer.Deserialize<List<HistoryEntry>>(JsonSerializer.Serialize(live.Recorded, ScriptedContext.Json), ScriptedContext.Json)!;

        var (replay, replayRun) = Play(recorded, script: false);
        Assert.True(replayRun.IsCompletedSuccessfully, "replay should finish from history alone");
        Assert.Null(replay.Pending);
        Assert.Equal(JsonSerializer.Serialize(output), JsonSerializer.Serialize(await replayRun));
        Assert.Equal(live.Recorded.Select(e => e.Input.GetRawText()), replay.Recorded.Select(e => e.Input.GetRawText()));
        Assert.Equal(live.Statuses, replay.Statuses);
    }

    [Fact]
    public async Task Schedule_is_one_activity_per_outer_iteration_with_duals_updated_between()
    {
        var (live, run) = Play([], script: true);
        await run;
        var names = live.Recorded.Select(e => e.Name).ToList();
        Assert.Equal([ActivityNames.ValidateAndScale, ActivityNames.WarmStart, .. Enumerable.Repeat(ActivityNames.FitRefits, 4),
            .. Enumerable.Repeat(ActivityNames.TrainOuterIteration, 5), ActivityNames.WriteOutputFiles, ActivityNames.CommitOutputs], names);
        var blocks = live.Recorded.Where(e => e.Name == ActivityNames.TrainOuterIteration)
            .Select(e => e.Input.Deserialize<TrainBlockInput>(ScriptedContext.Json)!.Block).ToList();
        Assert.Equal([false, false, true, true, true], blocks.Select(b => b.Duals.Active));
        // First active update after block 3: alpha += rho h = 1 * 0.05 (no hPrev, rho stays 1); block 4 sees it.
        Assert.Equal(0.05, blocks[3].Duals.Alpha, 12);
        // After block 4: h = 0.025 > 0.25 * 0.05, so rho = 3 and alpha += 3 * 0.025.
        Assert.Equal(3, blocks[4].Duals.Rho);
        Assert.Equal(0.125, blocks[4].Duals.Alpha, 12);
        // Every block reads the checkpoint the previous one wrote.
        var ios = live.Recorded.Where(e => e.Name == ActivityNames.TrainOuterIteration)
            .Select(e => e.Input.Deserialize<TrainBlockInput>(ScriptedContext.Json)!.Activity).ToList();
        Assert.Equal(Checkpoints.WarmStarted(Input), ios[0].CheckpointIn);
        for (int i = 1; i < ios.Count; i++) Assert.Equal(ios[i - 1].CheckpointOut, ios[i].CheckpointIn);
    }

    [Fact]
    public async Task A_partial_history_resumes_at_the_first_missing_activity()
    {
        var (live, run) = Play([], script: true);
        await run;
        var partial = live.Recorded.Take(8).ToList(); // validate, warm start, 4 refit batches, 2 blocks
        var (replay, replayRun) = Play(partial, script: false);
        Assert.False(replayRun.IsCompleted);
        Assert.Equal(ActivityNames.TrainOuterIteration, replay.Pending!.Name);
        var pending = replay.Pending.Input.Deserialize<TrainBlockInput>(ScriptedContext.Json)!;
        Assert.Equal(3, pending.Block.OuterIteration);
        // customStatus after the last replayed activity reports training progress.
        var status = JsonSerializer.Deserialize<RunStatus>(replay.Statuses[^1], ScriptedContext.Json)!;
        Assert.Equal(Phases.Training, status.Phase);
        Assert.Equal(2, status.OuterIteration);
        Assert.Equal(200, status.Epoch);
        Assert.Equal(5, status.MaxOuterIterations);
        Assert.Equal(36.0, status.Percent);
        Assert.Equal(20, status.Members);
        Assert.Equal(20, status.MembersDone);
        Assert.Null(status.SelfCheck);
    }

    [Fact]
    public async Task Refits_fan_out_after_the_warm_start_in_batches_from_its_checkpoint_and_reach_the_output_files_in_order()
    {
        var (live, run) = Play([], script: true);
        await run;
        var refits = live.Recorded.Where(e => e.Name == ActivityNames.FitRefits).Select(e => e.Input.Deserialize<RefitInput>(ScriptedContext.Json)!).ToList();
        Assert.Equal([(0, 5), (5, 5), (10, 5), (15, 5)], refits.Select(r => (r.First, r.Count)));
        Assert.All(refits, r => Assert.Equal(RefitKinds.Members, r.Kind));
        Assert.All(refits, r => Assert.Equal(Checkpoints.WarmStarted(Input), r.Activity.CheckpointIn));
        var outputFiles = live.Recorded.Single(e => e.Name == ActivityNames.WriteOutputFiles).Input.Deserialize<WriteOutputFilesInput>(ScriptedContext.Json)!;
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (double)i), outputFiles.Refits!.Members!.Select(m => m[0]));
        Assert.Empty(outputFiles.Refits.SelfCheck!);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 2 == 0), outputFiles.Refits.MemberEdges!.Select(e => e[0]));
    }

    [Fact]
    public void The_refit_plan_cuts_members_and_self_check_refits_into_batches_of_five()
    {
        var batches = RefitPlan.Batches(new MmmOptions { EnsembleMembers = 12, SelfCheck = 3 });
        Assert.Equal([(RefitKinds.Members, 0, 5), (RefitKinds.Members, 5, 5), (RefitKinds.Members, 10, 2), (RefitKinds.SelfCheck, 0, 3)],
            batches.Select(b => (b.Kind, b.First, b.Count)));
        Assert.Empty(RefitPlan.Batches(new MmmOptions { EnsembleMembers = 0 }));
        Assert.Empty(RefitPlan.Batches(MmmOptions.Reference));
        Assert.Null(RefitPlan.Collect([]));
    }

    [Fact]
    public async Task Bad_input_writes_error_json_and_fails_with_the_message()
    {
        var error = new RunError("negative_media", "sales.parquet: column 'media_tv' has a negative value (-3) at region 'r1', date 2024-01-01 (row 7)");
        var ctx = new ScriptedContext("mmm-sales-abc", Input, [], (name, _) => name == ActivityNames.ValidateAndScale
            ? new PreparedRun(null, null, 0, 0, 0, 0, 0, null, error) : true);
        var failure = await Assert.ThrowsAsync<RunFailedException>(() => MmmOrchestrator.RunAsync(ctx));
        Assert.Contains("negative value", failure.Message);
        Assert.Equal([ActivityNames.ValidateAndScale, ActivityNames.WriteFailure], ctx.Recorded.Select(e => e.Name));
        var written = ctx.Recorded[1].Input.Deserialize<FailureInput>(ScriptedContext.Json)!;
        Assert.Equal("negative_media", written.Error.Code);
    }

    [Fact]
    public async Task A_failed_training_activity_writes_error_json_and_fails()
    {
        // A history whose third activity failed after its retries (the host turns that into ActivityFailedException).
        List<HistoryEntry> history =
        [
            new(ActivityNames.ValidateAndScale, default, JsonSerializer.SerializeToElement(Activities(ActivityNames.ValidateAndScale, default), ScriptedContext.Json), null),
            new(ActivityNames.WarmStart, default, JsonSerializer.SerializeToElement(Checkpoints.WarmStarted(Input), ScriptedContext.Json), null),
            .. RefitHistory(),
            new(ActivityNames.TrainOuterIteration, default, null, "InvalidOperationException: out of memory"),
        ];
        var replay = new ScriptedContext("mmm-sales-abc", Input, history, (_, _) => true);
        var failure = await Assert.ThrowsAsync<RunFailedException>(() => MmmOrchestrator.RunAsync(replay));
        Assert.Equal("training_failed", failure.Error.Code);
        Assert.Contains("out of memory", failure.Message);
        Assert.Equal(ActivityNames.WriteFailure, replay.Recorded[^1].Name);
    }

    [Fact]
    public async Task A_diverged_training_fails_as_training_diverged_with_the_message_that_names_epoch_and_term()
    {
        const string message = "training diverged at epoch 12: the loss term 'fit' is NaN (total NaN). Lower learningRate.";
        List<HistoryEntry> history =
        [
            new(ActivityNames.ValidateAndScale, default, JsonSerializer.SerializeToElement(Activities(ActivityNames.ValidateAndScale, default), ScriptedContext.Json), null),
            new(ActivityNames.WarmStart, default, JsonSerializer.SerializeToElement(Checkpoints.WarmStarted(Input), ScriptedContext.Json), null),
            .. RefitHistory(),
            new(ActivityNames.TrainOuterIteration, default, null, message, typeof(Mmm.Science.Training.TrainingDivergedException).FullName!),
        ];
        var replay = new ScriptedContext("mmm-sales-abc", Input, history, (_, _) => true);
        var failure = await Assert.ThrowsAsync<RunFailedException>(() => MmmOrchestrator.RunAsync(replay));
        Assert.Equal("training_diverged", failure.Error.Code);
        Assert.Equal(message, failure.Error.Message);
        Assert.Equal(ActivityNames.WriteFailure, replay.Recorded[^1].Name);
    }
}
