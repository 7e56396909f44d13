using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>Activity TrainOuterIteration: forwards to <see cref="MmmActivities.TrainOuterIteration"/>.</summary>
public sealed class TrainOuterIterationFunction(MmmActivities activities)
{
    [Function(ActivityNames.TrainOuterIteration)]
    public Task<TrainBlockResult> Run([ActivityTrigger] TrainBlockInput input, CancellationToken ct) => activities.TrainOuterIteration(input, ct);
}
