using Mmm.Science.Data;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// The planning orchestration: PlanBudget (load a finished run's model.json, plan, write the plan's folder beside the run's
/// outputs, _SUCCESS last), or WritePlanFailure (error.json in the plan's folder) when the request cannot be met. The run's own
/// files are never written. Deterministic, like <see cref="MmmOrchestrator"/>: it uses only the context.
/// </summary>
public static class MmmPlanner
{
    public const string Name = "MmmPlanner";

    public static async Task<PlanOutput> RunAsync(IOrchestrationContext ctx)
    {
        var plan = ctx.GetInput<PlanInput>() ?? throw new InvalidOperationException("The orchestration has no input.");
        ctx.SetCustomStatus(new PlanStatus(Phases.Planning, 0));
        PlanBudgetResult result;
        try
        {
            result = await ctx.CallActivityAsync<PlanBudgetResult>(ActivityNames.PlanBudget, plan, MmmOrchestrator.StorageRetry);
        }
        catch (ActivityFailedException e)
        {
            return await Fail(ctx, plan, new RunError(ErrorCodes.PlanFailed, $"{e.ActivityName} failed: {e.ErrorMessage}"));
        }
        if (result.Error is { } error) return await Fail(ctx, plan, error);
        ctx.SetCustomStatus(new PlanStatus(Phases.Writing, 100));
        return result.Output!;
    }

    private static async Task<PlanOutput> Fail(IOrchestrationContext ctx, PlanInput plan, RunError error)
    {
        await ctx.CallActivityAsync<bool>(ActivityNames.WritePlanFailure, new PlanFailureInput(ctx.InstanceId, plan, error), MmmOrchestrator.StorageRetry);
        throw new RunFailedException(error);
    }
}
