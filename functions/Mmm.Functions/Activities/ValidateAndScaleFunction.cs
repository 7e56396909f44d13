using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>Activity ValidateAndScale: forwards to <see cref="MmmActivities.ValidateAndScale"/>.</summary>
public sealed class ValidateAndScaleFunction(MmmActivities activities)
{
    [Function(ActivityNames.ValidateAndScale)]
    public Task<PreparedRun> Run([ActivityTrigger] ActivityInput input, CancellationToken ct) => activities.ValidateAndScale(input, ct);
}
