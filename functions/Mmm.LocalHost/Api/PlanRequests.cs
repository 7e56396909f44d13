using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Api;

/// <summary>The local plan starter: <see cref="PlanRequestGate"/>'s rules on the local engine's client.</summary>
public sealed class PlanRequests(PlanStarter plans, IOrchestrationClient client, ILogger<PlanRequests>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<PlanRequests>.Instance;
    private readonly EngineStarter starter = new(client);

    public async Task<PlanStartAnswer> StartAsync(string runInstanceId, string? name, string? requestJson, CancellationToken ct = default)
    {
        var answer = await PlanRequestGate.StartAsync(plans, starter, runInstanceId, name, requestJson, RunStateAsync, ct);
        if (answer.Plan is { } plan)
            log.LogInformation("Plan request {BlobName} (ETag {ETag}) of run {RunId}: instance {InstanceId} {Outcome}",
                plan.BlobName, plan.ETag, runInstanceId, plan.InstanceId, plan.Started ? "started" : "already existed");
        return answer;
    }

    private async Task<RunState> RunStateAsync(string runInstanceId, CancellationToken ct)
    {
        var run = await client.GetAsync(runInstanceId, showInput: false, ct: ct);
        return PlanRequestGate.StateOf(run?.Name, run?.RuntimeStatus == RuntimeStatus.Completed);
    }
}
