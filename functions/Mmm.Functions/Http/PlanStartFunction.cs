using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Http;

/// <summary>
/// <c>POST /api/runs/{instanceId}/plans?name={name}</c> (function key) with a plan request as the JSON body: uploads it next to the
/// completed run's outputs and starts its plan (the id the output container's trigger would derive, so the delivery that follows
/// starts nothing more); 202 with the check-status payload, or 400/404/409 with a message (<see cref="PlanRequestGate"/>).
/// </summary>
public sealed class PlanStartFunction(RunLocations locations)
{
    [Function("PlanStart")]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{instanceId}/plans")] HttpRequestData req,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken ct)
    {
        var body = await req.ReadAsStringAsync();
        var answer = await PlanRequestGate.StartAsync(locations.Plans, new DurableClientStarter(client), instanceId, req.Query["name"], body,
            async (id, token) =>
            {
                var run = await client.GetInstanceAsync(id, getInputsAndOutputs: false, token);
                return PlanRequestGate.StateOf(run?.Name, run?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
            }, ct);
        if (answer.Plan is { } plan) return await client.CreateCheckStatusResponseAsync(req, plan.InstanceId, ct);
        var response = req.CreateResponse();
        await response.WriteAsJsonAsync(new { message = answer.Message }, ct);
        response.StatusCode = (System.Net.HttpStatusCode)answer.HttpStatus; // WriteAsJsonAsync sets 200
        return response;
    }
}
