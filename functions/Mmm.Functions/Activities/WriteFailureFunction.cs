using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>Activity WriteFailure: forwards to <see cref="MmmActivities.WriteFailure"/>.</summary>
public sealed class WriteFailureFunction(MmmActivities activities)
{
    [Function(ActivityNames.WriteFailure)]
    public Task<bool> Run([ActivityTrigger] FailureInput input, CancellationToken ct) => activities.WriteFailure(input, ct);
}
