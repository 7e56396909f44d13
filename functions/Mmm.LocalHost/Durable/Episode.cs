namespace Mmm.LocalHost.Durable;

/// <summary>What one run of the orchestrator code against history ended in.</summary>
internal abstract record EpisodeOutcome
{
    /// <summary>The orchestrator returned; its output as JSON.</summary>
    public sealed record Completed(string? OutputJson) : EpisodeOutcome;

    /// <summary>The orchestrator threw (or disagreed with history); the instance fails with this.</summary>
    public sealed record Failed(string ErrorType, string Message) : EpisodeOutcome;

    /// <summary>The orchestrator is waiting; these actions are new (not yet in history).</summary>
    public sealed record Waiting(IReadOnlyList<NewAction> NewActions) : EpisodeOutcome;
}

/// <summary>
/// Runs the orchestrator code once against a <see cref="ReplayContext"/> and reads the result off the task it
/// returns. Outcomes in history come back as completed tasks, so the code runs inline up to the first thing
/// it has to wait for: the returned task is then either finished (completed or failed) or waiting on a task
/// of the context that history cannot complete yet.
/// </summary>
internal static class Episode
{
    public const string NonDeterminismErrorType = "NonDeterministicOrchestrationException";

    public static EpisodeOutcome Run(OrchestratorFunction orchestrator, ReplayContext context)
    {
        Task<object?> task;
        var outerContext = SynchronizationContext.Current;
        try
        {
            // Continuations of the context's tasks must run inline here, not be posted to a caller's context.
            SynchronizationContext.SetSynchronizationContext(null);
            task = orchestrator(context);
        }
        catch (Exception e)
        {
            task = Task.FromException<object?>(e);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outerContext);
        }

        if (context.NonDeterminismError is { } error)
            return new EpisodeOutcome.Failed(NonDeterminismErrorType, error);
        if (context.UnrequestedHistoryTasks.FirstOrDefault(-1) is var extra and >= 0)
            return new EpisodeOutcome.Failed(NonDeterminismErrorType,
                $"Non-deterministic orchestrator: history has task #{extra} but the orchestrator no longer asks for it.");
        if (task.IsCompletedSuccessfully)
        {
            try
            {
                return new EpisodeOutcome.Completed(DurableJson.Serialize(task.Result));
            }
            catch (Exception e)
            {
                return new EpisodeOutcome.Failed(e.GetType().FullName ?? e.GetType().Name, "The output could not be serialised: " + e.Message);
            }
        }
        if (task.IsFaulted || task.IsCanceled)
        {
            var exception = task.IsFaulted ? task.Exception!.InnerException ?? task.Exception : new TaskCanceledException(task);
            return new EpisodeOutcome.Failed(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
        }
        return new EpisodeOutcome.Waiting(context.NewActions);
    }
}
