using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// The training orchestration: ValidateAndScale -> WarmStart -> TrainOuterIteration x K (the NOTEARS dual
/// update runs here, between activities, as pure arithmetic), with FitRefits x B fanned out after the warm start and
/// gathered before -> WriteOutputFiles -> CommitOutputs. Deterministic:
/// it uses only the context (no clock, random or I/O), so it replays from history. customStatus carries
/// the progress fields of the contract after every activity. Bad input or a failed activity writes
/// error.json and ends the orchestration Failed with the message.
/// </summary>
public static class MmmOrchestrator
{
    public const string Name = "MmmOrchestrator";

    public static readonly RetryPolicy StorageRetry = new(3, TimeSpan.FromSeconds(5), 2.0);
    public static readonly RetryPolicy TrainingRetry = new(2, TimeSpan.FromSeconds(10), 2.0);

    public static async Task<RunOutput> RunAsync(IOrchestrationContext ctx)
    {
        var run = ctx.GetInput<RunInput>() ?? throw new InvalidOperationException("The orchestration has no input.");
        var timings = new Dictionary<string, double>();
        var phaseStart = ctx.CurrentUtcDateTime;
        double Lap()
        {
            var now = ctx.CurrentUtcDateTime;
            var seconds = (now - phaseStart).TotalSeconds;
            phaseStart = now;
            return seconds;
        }

        ctx.SetCustomStatus(new RunStatus(Phases.Validating, 0, 0, 0, null, null, null, null, 0, null));
        PreparedRun prepared;
        try
        {
            prepared = await ctx.CallActivityAsync<PreparedRun>(ActivityNames.ValidateAndScale,
                new ActivityInput(ctx.InstanceId, run, null, Checkpoints.Initial(run)), StorageRetry);
        }
        catch (ActivityFailedException e)
        {
            return await Fail(ctx, run, new RunError(ErrorCodes.ValidationFailed, e.ErrorMessage));
        }
        if (prepared.Error is { } inputError) return await Fail(ctx, run, inputError);
        var options = prepared.Options!;
        timings[TimingKeys.Scaling] = Lap();

        int maxOuter = DualSchedule.MaxOuterIterations(options);
        try
        {
            ctx.SetCustomStatus(new RunStatus(Phases.WarmStart, 0, maxOuter, 0, null, null, null, null, 0, null));
            var checkpoint = await ctx.CallActivityAsync<string>(ActivityNames.WarmStart,
                new ActivityInput(ctx.InstanceId, run, prepared.Checkpoint, Checkpoints.WarmStarted(run)), TrainingRetry);
            timings[TimingKeys.WarmStart] = Lap();

            // The structural refits need only the warm-started model: they fan out now and run next to the main loop, on every worker.
            var warm = new ActivityInput(ctx.InstanceId, run, checkpoint, null);
            var refits = RefitPlan.Batches(options).Select(b => (b, ctx.CallActivityAsync<RefitBatchResult>(ActivityNames.FitRefits,
                new RefitInput(warm, b.Kind, b.First, b.Count), TrainingRetry))).ToList();
            RunStatus WithRefits(RunStatus status) => RefitPlan.Progress(status, options, refits);

            var state = DualSchedule.Start(options);
            var history = new List<HistoryRow>();
            var trainingStart = ctx.CurrentUtcDateTime;
            ctx.SetCustomStatus(WithRefits(Training(state, maxOuter, options, null, 0)));
            while (DualSchedule.NextBlock(state, options) is { } block)
            {
                var result = await ctx.CallActivityAsync<TrainBlockResult>(ActivityNames.TrainOuterIteration,
                    new TrainBlockInput(new ActivityInput(ctx.InstanceId, run, checkpoint, Checkpoints.AfterBlock(run, block.OuterIteration)), block),
                    TrainingRetry);
                checkpoint = result.Checkpoint;
                history.AddRange(result.Report.History);
                state = DualSchedule.Advance(state, options, block, result.Report.H, result.Report.StoppedEarly);
                ctx.SetCustomStatus(WithRefits(Training(state, maxOuter, options, result.Report, (ctx.CurrentUtcDateTime - trainingStart).TotalSeconds)));
            }
            timings[TimingKeys.Training] = Lap();

            while (refits.Select(r => r.Item2).Where(t => !t.IsCompleted).ToList() is { Count: > 0 } pending)
            {
                ctx.SetCustomStatus(WithRefits(new RunStatus(Phases.Refits, state.OuterIteration, maxOuter, state.EpochsDone, null, state.Duals.Rho,
                    state.Duals.Alpha, null, 92, null)));
                await Task.WhenAny(pending);
            }
            var finished = new List<RefitBatchResult>(refits.Count);
            foreach (var (_, task) in refits) finished.Add(await task); // a failed batch throws ActivityFailedException here
            var refitResults = RefitPlan.Collect(finished);
            if (refits.Count > 0) timings[TimingKeys.Refits] = Lap(); // what the refits still took after the last block

            ctx.SetCustomStatus(WithRefits(new RunStatus(Phases.Decomposing, state.OuterIteration, maxOuter, state.EpochsDone, null, state.Duals.Rho,
                state.Duals.Alpha, null, 95, null)));
            var decomposed = await ctx.CallActivityAsync<WriteOutputFilesResult>(ActivityNames.WriteOutputFiles,
                new WriteOutputFilesInput(new ActivityInput(ctx.InstanceId, run, checkpoint, null), history, timings, prepared.Device ?? "cpu", refitResults),
                StorageRetry);

            ctx.SetCustomStatus(WithRefits(new RunStatus(Phases.Writing, state.OuterIteration, maxOuter, state.EpochsDone, decomposed.FinalH,
                state.Duals.Rho, state.Duals.Alpha, null, 99, null)));
            await ctx.CallActivityAsync<bool>(ActivityNames.CommitOutputs, new ActivityInput(ctx.InstanceId, run, null, null), StorageRetry);
            return new RunOutput(run.OutputPrefix, decomposed.TrainR2, decomposed.HoldoutR2, decomposed.HoldoutWape, decomposed.FinalH, decomposed.Epochs);
        }
        catch (ActivityFailedException e)
        {
            return await Fail(ctx, run, TrainingError(e));
        }
    }

    /// <summary>A diverged loss is the user's to fix (its message names the epoch, the term and the setting to lower); anything else is ours.</summary>
    private static RunError TrainingError(ActivityFailedException e) =>
        e.ErrorType.EndsWith(nameof(TrainingDivergedException), StringComparison.Ordinal)
            ? new RunError(ErrorCodes.TrainingDiverged, e.ErrorMessage)
            : new RunError(ErrorCodes.TrainingFailed, $"{e.ActivityName} failed: {e.ErrorMessage}");

    private static RunStatus Training(ScheduleState state, int maxOuter, MmmOptions options, BlockReport? last, double elapsedSeconds)
    {
        double percent = options.Epochs == 0 ? 90 : 90.0 * state.EpochsDone / options.Epochs;
        double? eta = state.EpochsDone > 0 ? elapsedSeconds / state.EpochsDone * Math.Max(0, options.Epochs - state.EpochsDone) : null;
        return new RunStatus(Phases.Training, state.OuterIteration, maxOuter, state.EpochsDone, last?.H, state.Duals.Rho, state.Duals.Alpha,
            last?.Loss, Math.Round(percent, 1), eta is double e ? Math.Round(e, 1) : null);
    }

    /// <summary>Writes error.json, then fails the orchestration with the message (status output).</summary>
    private static async Task<RunOutput> Fail(IOrchestrationContext ctx, RunInput run, RunError error)
    {
        await ctx.CallActivityAsync<bool>(ActivityNames.WriteFailure, new FailureInput(ctx.InstanceId, run, error), StorageRetry);
        throw new RunFailedException(error);
    }
}

/// <summary>Ends an orchestration as Failed; its message is the user-facing error.</summary>
public sealed class RunFailedException(RunError error) : Exception($"[{error.Code}] {error.Message}")
{
    public RunError Error { get; } = error;
}

/// <summary>Deterministic checkpoint blob URIs of a run: re-running an activity overwrites the same blob.</summary>
public static class Checkpoints
{
    public static string Initial(RunInput run) => $"{run.WorkPrefix}/checkpoint-initial.bin";
    public static string WarmStarted(RunInput run) => $"{run.WorkPrefix}/checkpoint-warm.bin";
    public static string AfterBlock(RunInput run, int outerIteration) => $"{run.WorkPrefix}/checkpoint-{outerIteration:D4}.bin";
}
