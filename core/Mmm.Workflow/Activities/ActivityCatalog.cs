using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Activities;

/// <summary>One activity as an engine registers it: its name, the types of its input and result, and the call.</summary>
public sealed record ActivityBinding(string Name, Type InputType, Type OutputType, Func<object?, CancellationToken, Task<object?>> RunAsync)
{
    /// <summary>A binding for a typed activity method.</summary>
    public static ActivityBinding For<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> run) =>
        new(name, typeof(TIn), typeof(TOut), async (input, ct) => await run((TIn)input!, ct));
}

/// <summary>
/// The training and planning orchestrations' activities by name (<see cref="ActivityNames"/>), for a host that registers
/// activities from a list (the local host's engine). The Azure Functions app declares the same nine as
/// functions, one line each.
/// </summary>
public static class ActivityCatalog
{
    public static IReadOnlyList<ActivityBinding> For(MmmActivities activities, PlanActivities plans) =>
    [
        ActivityBinding.For<ActivityInput, PreparedRun>(ActivityNames.ValidateAndScale, activities.ValidateAndScale),
        ActivityBinding.For<ActivityInput, string>(ActivityNames.WarmStart, activities.WarmStart),
        ActivityBinding.For<TrainBlockInput, TrainBlockResult>(ActivityNames.TrainOuterIteration, activities.TrainOuterIteration),
        ActivityBinding.For<RefitInput, RefitBatchResult>(ActivityNames.FitRefits, activities.FitRefits),
        ActivityBinding.For<WriteOutputFilesInput, WriteOutputFilesResult>(ActivityNames.WriteOutputFiles, activities.WriteOutputFiles),
        ActivityBinding.For<ActivityInput, bool>(ActivityNames.CommitOutputs, activities.CommitOutputs),
        ActivityBinding.For<FailureInput, bool>(ActivityNames.WriteFailure, activities.WriteFailure),
        ActivityBinding.For<PlanInput, PlanBudgetResult>(ActivityNames.PlanBudget, plans.PlanBudget),
        ActivityBinding.For<PlanFailureInput, bool>(ActivityNames.WritePlanFailure, plans.WritePlanFailure),
    ];
}
