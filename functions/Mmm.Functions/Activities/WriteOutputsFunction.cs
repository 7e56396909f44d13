using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>Activity WriteOutputs: forwards to <see cref="MmmActivities.WriteOutputs"/>.</summary>
public sealed class WriteOutputsFunction(MmmActivities activities)
{
    [Function(ActivityNames.WriteOutputs)]
    public Task<bool> Run([ActivityTrigger] ActivityInput input, CancellationToken ct) => activities.WriteOutputs(input, ct);
}
