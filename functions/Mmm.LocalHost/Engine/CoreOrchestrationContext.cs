using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Mmm.Workflow.Orchestration;
using RetryPolicy = Mmm.Workflow.Orchestration.RetryPolicy;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// Our orchestration interface over DurableTask.Core's <see cref="OrchestrationContext"/>, one member each, as
/// the Functions app's adapter is over TaskOrchestrationContext. Custom status goes to the orchestration
/// object (<see cref="WorkflowOrchestration"/>), which the engine asks for it after every episode.
/// </summary>
internal sealed class CoreOrchestrationContext(OrchestrationContext context, string? input, Action<object?> setCustomStatus) : IOrchestrationContext
{
    private const string ActivityVersion = "";

    public string InstanceId => context.OrchestrationInstance.InstanceId;

    public bool IsReplaying => context.IsReplaying;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public T? GetInput<T>() => WorkflowJson.Deserialize<T>(input);

    public async Task<T> CallActivityAsync<T>(string name, object? activityInput, RetryPolicy? retry = null)
    {
        // The parameter list is passed as an array: a lone null argument would otherwise be the array itself.
        object?[] parameters = [activityInput];
        try
        {
            return retry is null
                ? await context.ScheduleTask<T>(name, ActivityVersion, parameters!)
                : await context.ScheduleWithRetry<T>(name, ActivityVersion,
                    new RetryOptions(retry.FirstRetryInterval, retry.MaxNumberOfAttempts) { BackoffCoefficient = retry.BackoffCoefficient },
                    parameters!);
        }
        catch (TaskFailedException e)
        {
            throw new ActivityFailedException(name, e.FailureDetails?.ErrorType ?? e.InnerException?.GetType().FullName ?? "Exception",
                e.FailureDetails?.ErrorMessage ?? e.InnerException?.Message ?? e.Message);
        }
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellation) => context.CreateTimer<object?>(fireAt, null, cancellation);

    public void SetCustomStatus(object? status) => setCustomStatus(status);
}
