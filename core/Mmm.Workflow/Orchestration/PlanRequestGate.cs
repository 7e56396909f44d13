using Mmm.Science.Decisions;

namespace Mmm.Workflow.Orchestration;

/// <summary>Where a run stands, as a plan request needs to know: a plan needs the model a completed run saved.</summary>
public enum RunState { Unknown, NotCompleted, Completed }

/// <summary>What an HTTP plan request gets: started (or already started), or why not, with a message for the caller.</summary>
public enum PlanStartOutcome { Started, BadRequest, UnknownRun, RunNotCompleted }

public sealed record PlanStartAnswer(PlanStartOutcome Outcome, string? Message = null, StartedPlan? Plan = null)
{
    /// <summary>The HTTP status both hosts answer with: 202, 400, 404 or 409.</summary>
    public int HttpStatus => Outcome switch
    {
        PlanStartOutcome.Started => 202,
        PlanStartOutcome.BadRequest => 400,
        PlanStartOutcome.UnknownRun => 404,
        _ => 409,
    };
}

/// <summary>
/// The HTTP plan route's rules, the same in both hosts (<c>POST /api/runs/{id}/plans?name=</c>): a usable name (default
/// <see cref="DefaultName"/>), a body that is a plan request (empty: the default request), a run that exists and completed;
/// then the request is uploaded next to the run and started the way a dropped request is (<see cref="PlanStarter"/>). What only the
/// model can judge (an unknown channel, bounds that exclude the budget) fails the plan's orchestration with its code instead.
/// </summary>
public static class PlanRequestGate
{
    public const string DefaultName = "plan";

    /// <summary>A run's state from its instance: none, or one of another orchestrator, is no run.</summary>
    /// <param name="orchestrator">The instance's orchestrator name; null when there is no instance.</param>
    public static RunState StateOf(string? orchestrator, bool completed) =>
        !string.Equals(orchestrator, MmmOrchestrator.Name, StringComparison.OrdinalIgnoreCase) ? RunState.Unknown
        : completed ? RunState.Completed : RunState.NotCompleted;

    public static async Task<PlanStartAnswer> StartAsync(PlanStarter plans, IOrchestrationStarter starter, string runInstanceId, string? name,
        string? requestJson, Func<string, CancellationToken, Task<RunState>> runState, CancellationToken ct = default)
    {
        if (!PlanNames.TryName(string.IsNullOrEmpty(name) ? DefaultName : name, out var stem, out var nameError))
            return new(PlanStartOutcome.BadRequest, $"Query parameter 'name': {nameError}.");
        var json = string.IsNullOrWhiteSpace(requestJson) ? "{}" : requestJson;
        try
        {
            PlanRequestJson.Parse(json);
        }
        catch (PlanInputException e)
        {
            return new(PlanStartOutcome.BadRequest, $"The plan request is not usable: {e.Message}");
        }

        var state = InstanceIds.TryRunDataset(runInstanceId, out _) ? await runState(runInstanceId, ct) : RunState.Unknown;
        if (state == RunState.Unknown) return new(PlanStartOutcome.UnknownRun, $"No run with instance id '{runInstanceId}'.");
        if (state == RunState.NotCompleted)
            return new(PlanStartOutcome.RunNotCompleted, $"Run '{runInstanceId}' has not completed; a plan needs the model a completed run saves.");
        var plan = await plans.UploadAndStartAsync(starter, runInstanceId, stem, json, ct);
        return new(PlanStartOutcome.Started, null, plan);
    }
}
