using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Durable;

/// <summary>
/// Moves one instance forward until it finishes, the executor stops, or it is terminated. Each round is an
/// episode: replay the orchestrator against history, persist what it newly asked for (TaskScheduled /
/// TimerCreated) and the custom status, start every scheduled task that has no outcome yet (new ones, and
/// after a restart the one that was in flight), wait for one to finish, persist its outcome, and replay again.
/// Everything is written before it is acted on, so a process killed at any point resumes from history and
/// repeats at most the activities that were in flight. A storage error restarts the driver from storage.
/// </summary>
internal sealed class InstanceDriver(string instanceId, ExecutorServices services, CancellationToken stopping)
{
    private readonly CancellationTokenSource terminated = new();
    private readonly ILogger logger = services.Logger;
    private InstanceLog? log;

    public string InstanceId => instanceId;

    public async Task RunAsync()
    {
        for (int failures = 1; ; failures++)
        {
            try
            {
                await DriveAsync();
                return;
            }
            catch (Exception) when (stopping.IsCancellationRequested || terminated.IsCancellationRequested || services.Store.IsHalted)
            {
                return;
            }
            catch (Exception e)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1)));
                logger.LogError(e, "Instance {InstanceId}: driver failed; reloading from storage in {Delay}", instanceId, delay);
                try { await Task.Delay(delay, stopping); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Ends the instance as Terminated (unless it already finished) and cancels its running work.</summary>
    public async Task<TerminateOutcome> TerminateAsync(string? reason, CancellationToken ct)
    {
        var current = log ?? await InstanceLog.LoadAsync(services.Store, instanceId, ct);
        if (current is null) return TerminateOutcome.NotFound;
        var outcome = await Terminate(current, reason, ct);
        terminated.Cancel();
        return outcome;
    }

    /// <summary>Writes ExecutionTerminated and the Terminated row through <paramref name="log"/>.</summary>
    public static async Task<TerminateOutcome> Terminate(InstanceLog log, string? reason, CancellationToken ct)
    {
        var terminal = HistoryEvent.New(HistoryEventTypes.ExecutionTerminated) with { Message = reason ?? "" };
        return await log.AppendAsync([terminal], record => InstanceLog.FinishedRecord(record, terminal, record.CustomStatus), ct)
            ? TerminateOutcome.Terminated
            : TerminateOutcome.AlreadyFinished;
    }

    private async Task DriveAsync()
    {
        log = await InstanceLog.LoadAsync(services.Store, instanceId, stopping);
        if (log is null || log.Record.IsFinished) return;
        var history = log.Snapshot();
        if (history.FirstOrDefault(e => HistoryEventTypes.IsTerminal(e.EventType)) is { } terminal)
        {
            logger.LogInformation("Instance {InstanceId}: history says {EventType}; repairing the instance row", instanceId, terminal.EventType);
            await log.RepairFinishedRowAsync(terminal, stopping);
            return;
        }
        if (!history.Any(e => e.EventType == HistoryEventTypes.ExecutionStarted))
            await log.AppendAsync([HistoryEvent.New(HistoryEventTypes.ExecutionStarted) with { Name = log.Record.Name, Input = log.Record.Input }],
                null, stopping);

        var orchestrator = services.Registry.FindOrchestrator(log.Record.Name);
        if (orchestrator is null)
        {
            await FinishAsync(new EpisodeOutcome.Failed("OrchestratorNotFoundException",
                $"No orchestrator named '{log.Record.Name}' is registered with this executor."), null);
            return;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping, terminated.Token);
        var stopped = Task.Delay(Timeout.Infinite, run.Token);
        var inFlight = new Dictionary<int, Task<HistoryEvent?>>();
        try
        {
            while (true)
            {
                var context = new ReplayContext(instanceId, log.Record.Input, log.Snapshot());
                EpisodeOutcome outcome;
                await services.EpisodeSlots.WaitAsync(run.Token);
                try { outcome = Episode.Run(orchestrator, context); }
                finally { services.EpisodeSlots.Release(); }

                if (outcome is not EpisodeOutcome.Waiting waiting)
                {
                    await FinishAsync(outcome, context);
                    return;
                }
                var scheduled = waiting.NewActions.Select(ToScheduledEvent).ToList();
                foreach (var action in waiting.NewActions)
                    logger.LogInformation("Instance {InstanceId}: scheduling {EventType} {Name} as task {TaskId}",
                        instanceId, action.EventType, action.Name ?? "timer", action.TaskId);
                if (!await log.AppendAsync(scheduled, record => record with
                    {
                        Status = RuntimeStatus.Running,
                        CustomStatus = context.CustomStatusSet ? context.CustomStatusJson : record.CustomStatus,
                    }, run.Token))
                    return;

                StartUnfinishedTasks(log, inFlight, run.Token);
                if (inFlight.Count == 0)
                {
                    await FinishAsync(new EpisodeOutcome.Failed("InvalidOperationException",
                        "The orchestrator is waiting for something that is not an activity or timer of its context."), context);
                    return;
                }

                var done = await Task.WhenAny(inFlight.Values.Append(stopped));
                if (done == stopped) return;
                var taskId = inFlight.First(pair => pair.Value == done).Key;
                inFlight.Remove(taskId);
                var result = await (Task<HistoryEvent?>)done;
                if (result is null || !await log.AppendAsync([result], null, run.Token)) return;
            }
        }
        finally
        {
            run.Cancel();
            try { await Task.WhenAll(inFlight.Values); }
            catch (Exception) { /* abandoned work: cancelled, or its outcome is no longer wanted */ }
        }
    }

    /// <summary>Starts each scheduled activity or timer of history that has no outcome and is not already running.</summary>
    private void StartUnfinishedTasks(InstanceLog log, Dictionary<int, Task<HistoryEvent?>> inFlight, CancellationToken ct)
    {
        var history = log.Snapshot();
        var finished = history.Where(e => HistoryEventTypes.IsTaskOutcome(e.EventType)).Select(e => e.TaskId!.Value).ToHashSet();
        foreach (var e in history)
        {
            if (e.TaskId is not { } taskId || finished.Contains(taskId) || inFlight.ContainsKey(taskId)) continue;
            if (e.EventType == HistoryEventTypes.TaskScheduled)
                inFlight[taskId] = Task.Run(() => services.Activities.RunAsync(instanceId, e,
                    started => log.AppendAsync([started], null, ct), ct), ct);
            else if (e.EventType == HistoryEventTypes.TimerCreated)
                inFlight[taskId] = FireTimerAsync(e, ct);
        }
    }

    private async Task<HistoryEvent?> FireTimerAsync(HistoryEvent created, CancellationToken ct)
    {
        var fireAt = created.FireAt!.Value;
        for (var remaining = fireAt - DateTime.UtcNow; remaining > TimeSpan.Zero; remaining = fireAt - DateTime.UtcNow)
            await Task.Delay(remaining < TimeSpan.FromDays(1) ? remaining : TimeSpan.FromDays(1), ct);
        logger.LogInformation("Instance {InstanceId}: timer (task {TaskId}) fired", instanceId, created.TaskId);
        return HistoryEvent.New(HistoryEventTypes.TimerFired) with { TaskId = created.TaskId, FireAt = fireAt };
    }

    /// <summary>Writes the terminal event, then the row: Completed with the output, or Failed with the message.</summary>
    private async Task FinishAsync(EpisodeOutcome outcome, ReplayContext? context)
    {
        var terminal = outcome switch
        {
            EpisodeOutcome.Completed c => HistoryEvent.New(HistoryEventTypes.ExecutionCompleted) with { Result = c.OutputJson },
            EpisodeOutcome.Failed f => HistoryEvent.New(HistoryEventTypes.ExecutionFailed) with { ErrorType = f.ErrorType, Message = f.Message },
            _ => throw new ArgumentException("not a final outcome", nameof(outcome)),
        };
        var written = await log!.AppendAsync([terminal], record => InstanceLog.FinishedRecord(record, terminal,
            context is { CustomStatusSet: true } ? context.CustomStatusJson : record.CustomStatus), stopping);
        if (!written) return;
        if (outcome is EpisodeOutcome.Failed failed)
            logger.LogWarning("Instance {InstanceId}: failed ({ErrorType}): {Message}", instanceId, failed.ErrorType, failed.Message);
        else
            logger.LogInformation("Instance {InstanceId}: completed", instanceId);
    }

    private static HistoryEvent ToScheduledEvent(NewAction action) =>
        HistoryEvent.New(action.EventType) with
        {
            TaskId = action.TaskId,
            Name = action.Name,
            Input = action.InputJson,
            Retry = action.Retry,
            FireAt = action.FireAt,
        };
}
