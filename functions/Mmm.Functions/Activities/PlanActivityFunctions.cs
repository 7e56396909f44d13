using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>The planning orchestration's activities as functions: one line each over <see cref="PlanActivities"/> (core/Mmm.Workflow).</summary>
public sealed class PlanActivityFunctions(PlanActivities activities)
{
    [Function(ActivityNames.PlanBudget)]
    public Task<PlanBudgetResult> PlanBudget([ActivityTrigger] PlanInput input, CancellationToken ct) => activities.PlanBudget(input, ct);

    [Function(ActivityNames.WritePlanFailure)]
    public Task<bool> WritePlanFailure([ActivityTrigger] PlanFailureInput input, CancellationToken ct) => activities.WritePlanFailure(input, ct);
}
