using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions;

/// <summary>The training orchestration (core/Mmm.Workflow), replayed by Durable Functions.</summary>
public static class OrchestratorFunction
{
    [Function(MmmOrchestrator.Name)]
    public static Task<RunOutput> Run([OrchestrationTrigger] TaskOrchestrationContext ctx) =>
        MmmOrchestrator.RunAsync(new DurableOrchestrationContextAdapter(ctx));
}
