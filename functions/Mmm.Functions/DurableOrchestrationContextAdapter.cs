using Mmm.Workflow.Orchestration;
using DurableRetryPolicy = Microsoft.DurableTask.RetryPolicy;
using TaskFailedException = Microsoft.DurableTask.TaskFailedException;
using TaskOptions = Microsoft.DurableTask.TaskOptions;
using TaskOrchestrationContext = Microsoft.DurableTask.TaskOrchestrationContext;

namespace Mmm.Functions;

/// <summary>Our orchestration interface over Durable Functions' TaskOrchestrationContext: one line per member.</summary>
public sealed class DurableOrchestrationContextAdapter(TaskOrchestrationContext context) : IOrchestrationContext
{
    public string InstanceId => context.InstanceId;

    public bool IsReplaying => context.IsReplaying;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public T? GetInput<T>() => context.GetInput<T>();

    public async Task<T> CallActivityAsync<T>(string name, object? input, RetryPolicy? retry = null)
    {
        var options = retry is null
            ? null
            : TaskOptions.FromRetryPolicy(new DurableRetryPolicy(retry.MaxNumberOfAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient));
        try
        {
            return await context.CallActivityAsync<T>(name, input, options);
        }
        catch (TaskFailedException e)
        {
            throw new ActivityFailedException(name, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage);
        }
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellation) => context.CreateTimer(fireAt, cancellation);

    public void SetCustomStatus(object? status) => context.SetCustomStatus(status);
}
