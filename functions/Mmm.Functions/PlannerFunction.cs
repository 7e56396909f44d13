using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions;

/// <summary>The planning orchestration (core/Mmm.Workflow), replayed by Durable Functions.</summary>
public static class PlannerFunction
{
    [Function(MmmPlanner.Name)]
    public static Task<PlanOutput> Run([OrchestrationTrigger] TaskOrchestrationContext ctx) =>
        MmmPlanner.RunAsync(new DurableOrchestrationContextAdapter(ctx));
}
