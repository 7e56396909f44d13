using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Engine;

/// <summary>One activity execution in this process: which task of which instance, on which worker, when.</summary>
public sealed record ActivityRun(string InstanceId, string Name, int TaskId, string WorkerId, DateTime Started, DateTime Finished)
{
    public TimeSpan Elapsed => Finished - Started;
}

/// <summary>
/// Logs every activity execution of this worker with its task id and worker id (which process ran what, and
/// whether a task ran twice) and keeps the times per instance, from which `run` and `demo` report where an
/// orchestration's time went. Hooked into DurableTask.Core's activity dispatcher as middleware.
/// </summary>
public sealed class ActivityJournal(string workerId, ILogger logger)
{
    private const int MaxInstances = 1000;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ActivityRun>> runs = new(StringComparer.Ordinal);

    public string WorkerId => workerId;

    /// <summary>The activity executions of an instance that ran in this process, in the order they finished.</summary>
    public IReadOnlyList<ActivityRun> For(string instanceId) =>
        runs.TryGetValue(instanceId, out var queue) ? queue.ToArray() : [];

    internal async Task Middleware(DispatchMiddlewareContext context, Func<Task> next)
    {
        var instance = context.GetProperty<OrchestrationInstance>();
        var scheduled = context.GetProperty<TaskScheduledEvent>();
        var started = DateTime.UtcNow;
        logger.LogInformation("Activity {Activity} task {TaskId} of {InstanceId} started on worker {WorkerId}",
            scheduled.Name, scheduled.EventId, instance.InstanceId, workerId);
        await next();
        var run = new ActivityRun(instance.InstanceId, scheduled.Name ?? "", scheduled.EventId, workerId, started, DateTime.UtcNow);
        if (runs.Count >= MaxInstances && !runs.ContainsKey(instance.InstanceId)) runs.Clear();
        runs.GetOrAdd(instance.InstanceId, _ => new ConcurrentQueue<ActivityRun>()).Enqueue(run);
        logger.LogInformation("Activity {Activity} task {TaskId} of {InstanceId} finished on worker {WorkerId} in {Seconds:F2} s",
            scheduled.Name, scheduled.EventId, instance.InstanceId, workerId, run.Elapsed.TotalSeconds);
    }
}
