using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Engine;

/// <summary>The shared upload-and-start (<see cref="RunStarter"/>, <see cref="PlanStarter"/>) on the local engine's client.</summary>
public sealed class EngineStarter(IOrchestrationClient client) : IOrchestrationStarter
{
    public Task<bool> StartAsync(string orchestrator, string instanceId, object input, CancellationToken ct) =>
        client.StartAsync(orchestrator, instanceId, input, ct);
}
