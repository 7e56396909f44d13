using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.Science.Data;
using Mmm.Science.Decisions;
using Mmm.Science.Training;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Activities;

/// <summary>
/// The planner orchestration's activities (<see cref="MmmPlanner"/>). <see cref="PlanBudget"/> is safe to re-run: a plan folder that
/// already holds _SUCCESS is read back instead of planned again, and planning is deterministic.
/// </summary>
public sealed class PlanActivities(IRunStore store, ILoggerFactory? logging = null, ComputeThreads? compute = null)
{
    private readonly ILogger logger = (logging ?? NullLoggerFactory.Instance).CreateLogger<PlanActivities>();
    private readonly ComputeThreads compute = compute ?? ComputeThreads.Shared;

    /// <summary>Reads the request (on its ETag) and the run's model.json, plans, and writes the plan's folder; a request that
    /// cannot be met comes back as the error, not an exception.</summary>
    public async Task<PlanBudgetResult> PlanBudget(PlanInput input, CancellationToken ct = default)
    {
        if (await PlanFiles.ReadFinishedAsync(store, input.OutputPrefix, ct) is { } done)
            return new PlanBudgetResult(OutputOf(input, done), null);
        try
        {
            await using var request = await store.ReadIfMatchAsync(input.RequestUri, input.RequestEtag, ct)
                ?? throw new PlanInputException(ErrorCodes.InputChanged,
                    $"the plan request {input.RequestUri} changed or was deleted after this plan started; the new version starts its own plan");
            var text = await new StreamReader(request).ReadToEndAsync(ct);
            var parsed = PlanRequestJson.Parse(text);
            var model = await PlanFiles.ReadModelAsync(store, input.RunPrefix, ct);
            var plan = await compute.RunAsync(() => BudgetPlanner.Plan(model, parsed), ct);
            await PlanFiles.WriteAsync(store, input.OutputPrefix, plan, ct);
            logger.LogInformation("Plan {Name} of {Run}: {Kind}, gain {Gain:N0}, written to {Output}", input.Name, input.RunPrefix,
                plan.Summary.Kind, plan.Summary.Gain.Mean, input.OutputPrefix);
            return new PlanBudgetResult(OutputOf(input, plan.Summary), null);
        }
        catch (PlanInputException e)
        {
            logger.LogWarning("Plan {Name} of {Run} refused: [{Code}] {Message}", input.Name, input.RunPrefix, e.Code, e.Message);
            return new PlanBudgetResult(null, new RunError(e.Code, e.Message, new Dictionary<string, string?>
            {
                ["request"] = input.RequestUri,
                ["field"] = e.Field,
            }));
        }
    }

    /// <summary>Writes error.json in the plan's folder (never over a finished plan).</summary>
    public async Task<bool> WritePlanFailure(PlanFailureInput input, CancellationToken ct = default)
    {
        await OutputFiles.WriteErrorAsync(store, input.Plan.OutputPrefix, input.Error, input.InstanceId, ct);
        return true;
    }

    private static PlanOutput OutputOf(PlanInput input, PlanSummary s) => new(input.OutputPrefix, s.Kind, s.Objective, s.Budget,
        s.ExpectedIncrementalKpi.Mean, s.CurrentIncrementalKpi.Mean, s.Gain.Mean, s.Gain.Low, s.Gain.High, s.ProbabilityBeatsCurrent);
}
