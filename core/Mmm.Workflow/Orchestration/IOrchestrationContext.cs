namespace Mmm.Workflow.Orchestration;

/// <summary>
/// What an orchestrator may do, mapped one-to-one onto Durable Functions' TaskOrchestrationContext
/// (Microsoft.DurableTask): the Azure adapter forwards each member, the local executor implements them
/// over its own history. Orchestrator code must be deterministic: no clock, random, I/O or threads,
/// only these members.
/// </summary>
public interface IOrchestrationContext
{
    /// <summary>TaskOrchestrationContext.InstanceId.</summary>
    string InstanceId { get; }

    /// <summary>TaskOrchestrationContext.IsReplaying.</summary>
    bool IsReplaying { get; }

    /// <summary>TaskOrchestrationContext.CurrentUtcDateTime: replay-safe time.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>TaskOrchestrationContext.GetInput&lt;T&gt;().</summary>
    T? GetInput<T>();

    /// <summary>
    /// TaskOrchestrationContext.CallActivityAsync&lt;T&gt;(name, input, TaskOptions.FromRetryPolicy(...)).
    /// A failed activity (after its retries) throws <see cref="ActivityFailedException"/> (TaskFailedException there).
    /// </summary>
    Task<T> CallActivityAsync<T>(string name, object? input, RetryPolicy? retry = null);

    /// <summary>TaskOrchestrationContext.CreateTimer(DateTime fireAt, CancellationToken).</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellation);

    /// <summary>TaskOrchestrationContext.SetCustomStatus(object).</summary>
    void SetCustomStatus(object? status);
}

/// <summary>Durable Task's RetryPolicy(maxNumberOfAttempts, firstRetryInterval, backoffCoefficient).</summary>
public sealed record RetryPolicy(int MaxNumberOfAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient = 2.0)
{
    /// <summary>Delay before attempt <paramref name="attempt"/> (2 = first retry).</summary>
    public TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromTicks((long)(FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, Math.Max(0, attempt - 2))));
}

/// <summary>An activity failed after its retries (Durable Task's TaskFailedException).</summary>
public sealed class ActivityFailedException(string activityName, string errorType, string errorMessage)
    : Exception($"Activity '{activityName}' failed: {errorType}: {errorMessage}")
{
    public string ActivityName { get; } = activityName;
    public string ErrorType { get; } = errorType;
    public string ErrorMessage { get; } = errorMessage;
}
