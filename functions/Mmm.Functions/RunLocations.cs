using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions;

/// <summary>The pipeline's containers in the host's storage account, and the start of a run for an input blob.</summary>
public sealed class RunLocations(BlobServiceClient service)
{
    public const string InputContainer = "mmm-input";
    public const string OutputContainer = "mmm-output";
    public const string WorkContainer = "mmm-work";

    public BlobContainerClient Input { get; } = service.GetBlobContainerClient(InputContainer);

    /// <summary>Instance id and orchestration input for the input blob <paramref name="blobName"/> with <paramref name="etag"/>.</summary>
    public (string InstanceId, RunInput Input) For(string blobName, string etag) => RunInputs.For(
        Input.Uri.ToString(), service.GetBlobContainerClient(OutputContainer).Uri.ToString(),
        service.GetBlobContainerClient(WorkContainer).Uri.ToString(), blobName, etag);

    /// <summary>Schedules the run unless an instance with its id exists (a re-delivered event or a second upload path).</summary>
    public static async Task<bool> StartIfAbsentAsync(DurableTaskClient client, string instanceId, RunInput input, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(instanceId) is not null) return false;
        await client.ScheduleNewOrchestrationInstanceAsync(MmmOrchestrator.Name, input, new StartOrchestrationOptions(InstanceId: instanceId), ct);
        return true;
    }
}
