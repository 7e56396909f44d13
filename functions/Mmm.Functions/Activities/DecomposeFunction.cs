using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>Activity Decompose: forwards to <see cref="MmmActivities.Decompose"/>.</summary>
public sealed class DecomposeFunction(MmmActivities activities)
{
    [Function(ActivityNames.Decompose)]
    public Task<DecomposeResult> Run([ActivityTrigger] DecomposeInput input, CancellationToken ct) => activities.Decompose(input, ct);
}
