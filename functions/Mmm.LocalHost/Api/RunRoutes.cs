using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mmm.LocalHost.Api;

/// <summary>POST /api/runs?dataset={name} with a Parquet body: upload and start; 202 with the check-status payload.</summary>
internal sealed class RunRoutes(ManagementApiOptions options, RunUploads runs)
{
    public async Task<IResult> UploadAsync(HttpContext http, string? dataset)
    {
        if (RunUploads.BlobNameFor(dataset) is not { } blobName)
            return JsonResults.Problem(StatusCodes.Status400BadRequest,
                "Query parameter 'dataset' is required: letters, digits, '-', '_' and '.', at most 200 characters.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.MaxUploadBytes;
        if (http.Request.ContentLength == 0) return JsonResults.Problem(StatusCodes.Status400BadRequest, "The body must be a Parquet file.");
        if (http.Request.ContentLength > options.MaxUploadBytes)
            return JsonResults.Problem(StatusCodes.Status413PayloadTooLarge, $"The upload is larger than {options.MaxUploadBytes} bytes.");

        UploadedRun run;
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
