using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Engine;

/// <summary>The shared upload-and-start (<see cref="RunStarter"/>) on the local engine's client.</summary>
public sealed class EngineStarter(IOrchestrationClient client, string orchestratorName = MmmOrchestrator.Name) : IOrchestrationStarter
{
    public Task<bool> StartAsync(string instanceId, RunInput input, CancellationToken ct) => client.StartAsync(orchestratorName, instanceId, input, ct);
}
