using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>Activity WarmStart: forwards to <see cref="MmmActivities.WarmStart"/>.</summary>
public sealed class WarmStartFunction(MmmActivities activities)
{
    [Function(ActivityNames.WarmStart)]
    public Task<string> Run([ActivityTrigger] ActivityInput input, CancellationToken ct) => activities.WarmStart(input, ct);
}
