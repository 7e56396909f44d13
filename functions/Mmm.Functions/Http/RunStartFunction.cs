using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Http;

/// <summary>
/// <c>POST /api/runs?dataset={name}</c> (function key) with a Parquet body: uploads it to
/// {input container}/{name}.parquet and starts its run (the id the blob trigger would derive from the upload's
/// ETag, so the Event Grid delivery that follows starts nothing more); answers 202 with the
/// check-status payload (statusQueryGetUri, ...).
/// </summary>
public sealed class RunStartFunction(RunLocations locations)
{
    [Function("RunStart")]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        CancellationToken ct)
    {
        if (RunInputs.UploadBlobName(req.Query["dataset"]) is not { } blobName)
        {
            var bad = req.CreateResponse(HttpStatusCode.BadRequest);
            await bad.WriteStringAsync("Query parameter 'dataset' must be 1 to 128 letters, digits, '-', '_' or '.'; the body is the Parquet panel.");
            return bad;
        }
        var uploaded = await locations.Input.GetBlobClient(blobName).UploadAsync(req.Body, overwrite: true, ct);
        var (instanceId, input) = locations.For(blobName, uploaded.Value.ETag.ToString());
        await RunLocations.StartAsync(client, instanceId, input, ct);
        return await client.CreateCheckStatusResponseAsync(req, instanceId, ct);
    }
}
