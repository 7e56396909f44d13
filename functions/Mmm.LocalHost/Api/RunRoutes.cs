using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Api;

/// <summary>POST /api/runs?dataset={name} with a Parquet body: upload and start; 202 with the check-status payload.</summary>
internal sealed class RunRoutes(ManagementApiOptions options, RunUploads runs)
{
    public async Task<IResult> UploadAsync(HttpContext http, string? dataset)
    {
        if (!DatasetNames.TryBlobName(dataset, out var blobName, out var error))
            return JsonResults.Problem(StatusCodes.Status400BadRequest, $"Query parameter 'dataset': {error}.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.MaxUploadBytes;
        if (http.Request.ContentLength == 0) return JsonResults.Problem(StatusCodes.Status400BadRequest, "The body must be a Parquet file.");
        if (http.Request.ContentLength > options.MaxUploadBytes)
            return JsonResults.Problem(StatusCodes.Status413PayloadTooLarge, $"The upload is larger than {options.MaxUploadBytes} bytes.");

        StartedRun run;
        try
        {
            run = await runs.UploadAndStartAsync(blobName, http.Request.Body, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return JsonResults.Problem(StatusCodes.Status413PayloadTooLarge, $"The upload is larger than {options.MaxUploadBytes} bytes.");
        }
        return CheckStatusPayload.Accepted(http, run.InstanceId, options);
    }
}
