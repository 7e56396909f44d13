using Microsoft.Extensions.Logging;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Durable;

/// <summary>
/// Runs one scheduled activity to its outcome: waits for a free activity slot (the executor-wide
/// concurrency limit), records ActivityStarted, calls the function, and on an exception sleeps
/// <see cref="RetryPolicy.DelayBefore"/> and tries again until the policy's attempts are spent. Returns the
/// TaskCompleted or TaskFailed event to append, or null when the instance finished meanwhile (terminated).
/// Cancellation of <c>ct</c> (terminate or shutdown) ends it with an OperationCanceledException and records nothing.
/// </summary>
internal sealed class ActivityRunner(OrchestrationRegistry registry, SemaphoreSlim activitySlots, ILogger logger)
{
    private static readonly RetryPolicy NoRetry = new(1, TimeSpan.Zero);

    /// <param name="recordStart">Appends an ActivityStarted event; false when the instance has finished.</param>
    public async Task<HistoryEvent?> RunAsync(string instanceId, HistoryEvent scheduled, Func<HistoryEvent, Task<bool>> recordStart,
        CancellationToken ct)
    {
        var name = scheduled.Name!;
        int taskId = scheduled.TaskId!.Value;
        var function = registry.FindActivity(name);
        if (function is null)
            return Failed(taskId, name, "ActivityNotFoundException", $"No activity named '{name}' is registered with this executor.");
        var policy = scheduled.Retry ?? NoRetry;

        for (int attempt = 1; ; attempt++)
        {
            Exception failure;
            await activitySlots.WaitAsync(ct);
            try
            {
                var started = HistoryEvent.New(HistoryEventTypes.ActivityStarted) with { TaskId = taskId, Name = name, Attempt = attempt };
                if (!await recordStart(started)) return null;
                logger.LogInformation("Instance {InstanceId}: activity {ActivityName} (task {TaskId}) attempt {Attempt} started",
                    instanceId, name, taskId, attempt);
                try
                {
                    var resultJson = await function(scheduled.Input, ct);
                    logger.LogInformation("Instance {InstanceId}: activity {ActivityName} (task {TaskId}) completed", instanceId, name, taskId);
                    return HistoryEvent.New(HistoryEventTypes.TaskCompleted) with { TaskId = taskId, Name = name, Result = resultJson };
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    failure = e;
                }
            }
            finally
            {
                activitySlots.Release();
            }

            if (attempt >= policy.MaxNumberOfAttempts)
            {
                logger.LogWarning(failure, "Instance {InstanceId}: activity {ActivityName} (task {TaskId}) failed after {Attempts} attempt(s)",
                    instanceId, name, taskId, attempt);
                return Failed(taskId, name, failure.GetType().FullName ?? failure.GetType().Name, failure.Message);
            }
            var delay = policy.DelayBefore(attempt + 1);
            logger.LogWarning("Instance {InstanceId}: activity {ActivityName} (task {TaskId}) attempt {Attempt} failed ({Error}); retrying in {Delay}",
                instanceId, name, taskId, attempt, failure.Message, delay);
            await Task.Delay(delay, ct);
        }
    }

    private static HistoryEvent Failed(int taskId, string name, string errorType, string message) =>
        HistoryEvent.New(HistoryEventTypes.TaskFailed) with { TaskId = taskId, Name = name, ErrorType = errorType, Message = message };
}
