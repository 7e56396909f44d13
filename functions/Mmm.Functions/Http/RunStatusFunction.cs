using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Http;

/// <summary>
/// <c>GET /api/runs/{instanceId}</c> (function key): the run's status in the management API's shape
/// (name, instanceId, runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime); 202
/// while running, 200 when finished, 404 when unknown. The built-in
/// <c>/runtime/webhooks/durabletask/instances/{id}</c> route answers the same with the system key.
/// </summary>
public static class RunStatusFunction
{
    [Function("RunStatus")]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{instanceId}")] HttpRequestData req,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (metadata is null) return req.CreateResponse(HttpStatusCode.NotFound);

        var status = metadata.RuntimeStatus.ToString();
        var output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? metadata.FailureDetails?.ErrorMessage : metadata.SerializedOutput;
        var body = InstanceStatusJson.Build(metadata.Name, metadata.InstanceId, status, metadata.SerializedInput,
            metadata.SerializedCustomStatus, output, metadata.CreatedAt, metadata.LastUpdatedAt);

        var response = req.CreateResponse((HttpStatusCode)InstanceStatusJson.HttpStatusCode(status));
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(body.ToJsonString());
        return response;
    }
}
