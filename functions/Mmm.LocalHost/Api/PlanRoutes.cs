using Microsoft.AspNetCore.Http;

namespace Mmm.LocalHost.Api;

/// <summary>
/// POST /api/runs/{instanceId}/plans?name={name} with a plan request as the JSON body (empty: the default request): 202 with the
/// planner's check-status payload, or 400/404/409 with a message (<see cref="Mmm.Workflow.Orchestration.PlanRequestGate"/>).
/// </summary>
internal sealed class PlanRoutes(ManagementApiOptions options, PlanRequests plans)
{
    public async Task<IResult> StartAsync(HttpContext http, string instanceId, string? name)
    {
        var (body, problem) = await JsonBodies.TryReadAsync(http.Request, http.RequestAborted);
        if (problem is not null) return problem;
        var answer = await plans.StartAsync(instanceId, name, body?.ToJsonString(), http.RequestAborted);
        return answer.Plan is { } plan
            ? CheckStatusPayload.Accepted(http, plan.InstanceId, options)
            : JsonResults.Problem(answer.HttpStatus, answer.Message!);
    }
}
