using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Science.Training;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Activities;

/// <summary>
/// The activities of the training orchestration. Each reads what it needs from storage (the run's snapshot of
/// its input, <see cref="InputSnapshot"/>, and a checkpoint), does one step, and writes its result back (a
/// checkpoint, the output files), so a crash loses at most the activity in flight and re-running it is
/// harmless: its output blob has a fixed name and training is deterministic when seeded.
/// </summary>
/// <param name="device">The host's training device (host.json mmm.training.device): cpu or cuda replaces the
/// run config's device for every run on this host; auto or null leaves the run config's choice.</param>
/// <param name="compute">Where the LibTorch work runs (<see cref="ComputeThreads"/>): the host's, sized to the
/// activities it runs at once, or the process's shared one.</param>
public sealed class MmmActivities(IRunStore store, ILoggerFactory? logging = null, string? device = null, ComputeThreads? compute = null)
{
    private readonly ILogger logger = (logging ?? NullLoggerFactory.Instance).CreateLogger<MmmActivities>();
    private readonly string? hostDevice = device is null or "auto" ? null : device;
    private readonly ComputeThreads compute = compute ?? ComputeThreads.Shared;
    private readonly InputSnapshot snapshot = new(store);

    /// <summary>
    /// Snapshots the panel (on the run's ETag) and its config, reads and validates them, fits the scaler,
    /// initialises the model, writes the first checkpoint.
    /// </summary>
    public async Task<PreparedRun> ValidateAndScale(ActivityInput input, CancellationToken ct = default)
    {
        if (await snapshot.TakeAsync(input.Run, ct) is { } changed)
            return Rejected(input.Run, changed);
        PanelReadResult read;
        try
        {
            read = await snapshot.ReadAsync(input.Run, ct);
        }
        catch (PanelInputException e)
        {
            return Rejected(input.Run, RunError.Of(e));
        }
        var panel = read.Panel;
        var options = hostDevice is null ? read.Config.Options : read.Config.Options with { Device = hostDevice };
        var (checkpoint, device) = await compute.RunAsync(() =>
        {
            using var session = TrainingSession.Start(panel, options, logger);
            return (CheckpointOf(session), DeviceChoice.Describe(session.Device));
        }, ct);
        await WriteAsync(checkpoint, input.CheckpointOut!, ct);
        return new PreparedRun(options, input.CheckpointOut, panel.RowCount, panel.RegionCount, panel.PeriodCount,
            panel.ChannelCount, panel.ControlCount, device, null);
    }

    public async Task<string> WarmStart(ActivityInput input, CancellationToken ct = default)
    {
        var checkpoint = await WithSessionAsync(input, null, session =>
        {
            session.WarmStart();
            return CheckpointOf(session);
        }, ct);
        await WriteAsync(checkpoint, input.CheckpointOut!, ct);
        return input.CheckpointOut!;
    }

    /// <summary>One NOTEARS outer iteration (or one block of epochs in triangular mode) at the block's fixed duals.</summary>
    public async Task<TrainBlockResult> TrainOuterIteration(TrainBlockInput input, CancellationToken ct = default)
    {
        var (report, checkpoint) = await WithSessionAsync(input.Activity, null, session =>
        {
            var report = session.TrainBlock(input.Block, _ => ct.ThrowIfCancellationRequested());
            return (report, CheckpointOf(session));
        }, ct);
        await WriteAsync(checkpoint, input.Activity.CheckpointOut!, ct);
        return new TrainBlockResult(report, input.Activity.CheckpointOut!);
    }

    /// <summary>
    /// One batch of structural refits on the warm-started model (the posterior ensemble's members or the self-check's refits):
    /// independent of the main loop and of each other, so the orchestrator runs them in parallel with it, on every worker.
    /// </summary>
    public async Task<RefitBatchResult> FitRefits(RefitInput input, CancellationToken ct = default)
    {
        return await WithSessionAsync(input.Activity, null, session => input.Kind switch
        {
            RefitKinds.Members => MembersOf(session, input),
            RefitKinds.SelfCheck => new RefitBatchResult(input.Kind, input.First, session.SelfCheckRefits(input.First, input.Count)),
            _ => throw new ArgumentException($"unknown refit kind '{input.Kind}'", nameof(input)),
        }, ct);
    }

    private static RefitBatchResult MembersOf(TrainingSession session, RefitInput input)
    {
        var (totals, edges, draws) = session.EnsembleMembers(input.First, input.Count);
        return new RefitBatchResult(input.Kind, input.First, totals, edges, draws);
    }

    /// <summary>Computes the results (decomposition, metrics, intervals) and writes every output file under the output prefix, except _SUCCESS.</summary>
    public async Task<WriteOutputFilesResult> WriteOutputFiles(WriteOutputFilesInput input, CancellationToken ct = default)
    {
        var run = input.Activity.Run;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var read = await snapshot.ReadAsync(run, ct);
        var result = await WithSessionAsync(input.Activity, read.Panel, session => session.Finish(input.Refits), ct);
        var timings = new Dictionary<string, double>(input.TimingsSeconds) { [TimingKeys.Decomposing] = clock.Elapsed.TotalSeconds };
        var outputs = RunSummaryBuilder.Outputs(read.Panel, read.Config, result, input.History, timings, input.Device,
            run.InputUri, run.InputEtag, input.Activity.InstanceId);
        await OutputFiles.WriteAllButSuccessAsync(store, run.OutputPrefix, outputs, ct);
        var m = result.Metrics;
        return new WriteOutputFilesResult(m.Train?.PooledR2, m.Holdout?.PooledR2, m.Holdout?.Wape, result.FinalH, result.EpochsTrained);
    }

    /// <summary>Checks every output file is there, writes _SUCCESS last, and removes the run's work files.</summary>
    public async Task<bool> CommitOutputs(ActivityInput input, CancellationToken ct = default)
    {
        await OutputFiles.CommitAsync(store, input.Run.OutputPrefix, ct);
        await store.DeleteFolderAsync(input.Run.WorkPrefix, ct);
        return true;
    }

    /// <summary>Writes error.json (<see cref="ErrorReport"/>) for a failed run, never over a finished one, and removes the run's work files.</summary>
    public async Task<bool> WriteFailure(FailureInput input, CancellationToken ct = default)
    {
        await OutputFiles.WriteErrorAsync(store, input.Run.OutputPrefix, input.Error, input.InstanceId, ct);
        await store.DeleteFolderAsync(input.Run.WorkPrefix, ct);
        return true;
    }

    private PreparedRun Rejected(RunInput run, RunError error)
    {
        logger.LogWarning("Rejected {Input}: [{Code}] {Message}", run.InputUri, error.Code, error.Message);
        return new PreparedRun(null, null, 0, 0, 0, 0, 0, null, error);
    }

    /// <summary>Reads the panel (unless given) and the input checkpoint, then resumes the session and runs
    /// <paramref name="work"/> on it on a compute thread; the session is disposed there too.</summary>
    private async Task<T> WithSessionAsync<T>(ActivityInput input, Panel? panel, Func<TrainingSession, T> work, CancellationToken ct)
    {
        panel ??= (await snapshot.ReadAsync(input.Run, ct)).Panel;
        await using var checkpoint = await store.ReadAsync(input.CheckpointIn!, ct);
        return await compute.RunAsync(() =>
        {
            using var session = TrainingSession.Resume(panel, checkpoint, hostDevice, logger);
            return work(session);
        }, ct);
    }

    private static MemoryStream CheckpointOf(TrainingSession session)
    {
        var buffer = new MemoryStream();
        session.Save(buffer);
        buffer.Position = 0;
        return buffer;
    }

    private async Task WriteAsync(MemoryStream checkpoint, string uri, CancellationToken ct)
    {
        await using (checkpoint)
            await store.WriteAsync(uri, checkpoint, ct);
    }
}
