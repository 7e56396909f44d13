using Microsoft.Azure.Functions.Worker;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Activities;

/// <summary>The training orchestration's activities as functions: one line each over <see cref="MmmActivities"/> (core/Mmm.Workflow).</summary>
public sealed class ActivityFunctions(MmmActivities activities)
{
    [Function(ActivityNames.ValidateAndScale)]
    public Task<PreparedRun> ValidateAndScale([ActivityTrigger] ActivityInput input, CancellationToken ct) => activities.ValidateAndScale(input, ct);

    [Function(ActivityNames.WarmStart)]
    public Task<string> WarmStart([ActivityTrigger] ActivityInput input, CancellationToken ct) => activities.WarmStart(input, ct);

    [Function(ActivityNames.TrainOuterIteration)]
    public Task<TrainBlockResult> TrainOuterIteration([ActivityTrigger] TrainBlockInput input, CancellationToken ct) => activities.TrainOuterIteration(input, ct);

    [Function(ActivityNames.FitRefits)]
    public Task<RefitBatchResult> FitRefits([ActivityTrigger] RefitInput input, CancellationToken ct) => activities.FitRefits(input, ct);

    [Function(ActivityNames.WriteOutputFiles)]
    public Task<WriteOutputFilesResult> WriteOutputFiles([ActivityTrigger] WriteOutputFilesInput input, CancellationToken ct) => activities.WriteOutputFiles(input, ct);

    [Function(ActivityNames.CommitOutputs)]
    public Task<bool> CommitOutputs([ActivityTrigger] ActivityInput input, CancellationToken ct) => activities.CommitOutputs(input, ct);

    [Function(ActivityNames.WriteFailure)]
    public Task<bool> WriteFailure([ActivityTrigger] FailureInput input, CancellationToken ct) => activities.WriteFailure(input, ct);
}
