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
        if (!DatasetNames.TryBlobName(req.Query["dataset"], out var blobName, out var error))
        {
            var bad = req.CreateResponse(HttpStatusCode.BadRequest);
            await bad.WriteStringAsync($"Query parameter 'dataset': {error}. The body is the Parquet panel.");
            return bad;
        }
        var run = await locations.Runs.UploadAndStartAsync(new DurableClientStarter(client), blobName, req.Body, ct: ct);
        return await client.CreateCheckStatusResponseAsync(req, run.InstanceId, ct);
    }
}
