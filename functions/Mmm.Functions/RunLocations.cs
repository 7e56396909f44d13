using Azure.Storage.Blobs;
using Grpc.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.Functions;

/// <summary>The pipeline's containers in the app's storage account (from <see cref="MmmSettings"/>), and the start of a run.</summary>
public sealed class RunLocations(BlobServiceClient service, MmmSettings settings)
{
    /// <summary>Every status the SDK accepts as a dedupe status: an id that exists in any state starts nothing, so a run never runs twice.</summary>
    public static readonly OrchestrationRuntimeStatus[] DedupeStatuses = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    public BlobContainerClient Input { get; } = service.GetBlobContainerClient(settings.InputContainer);

    /// <summary>Instance id and orchestration input for the input blob <paramref name="blobName"/> with <paramref name="etag"/>.</summary>
    public (string InstanceId, RunInput Input) For(string blobName, string etag) => RunInputs.For(
        Input.Uri.ToString(), service.GetBlobContainerClient(settings.OutputContainer).Uri.ToString(),
        service.GetBlobContainerClient(settings.WorkContainer).Uri.ToString(), blobName, etag);

    /// <summary>
    /// Schedules the run; false when an instance with its id exists in any state (a re-delivered event, a second
    /// upload path). The Durable Functions host refuses such a start with gRPC status AlreadyExists, which the SDK
    /// client (1.28) raises as <see cref="OrchestrationAlreadyExistsException"/>.
    /// </summary>
    public static async Task<bool> StartAsync(DurableTaskClient client, string instanceId, RunInput input, CancellationToken ct)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(MmmOrchestrator.Name, input,
                new StartOrchestrationOptions(InstanceId: instanceId).WithDedupeStatuses(DedupeStatuses), ct);
            return true;
        }
        catch (Exception e) when (e is OrchestrationAlreadyExistsException or RpcException { StatusCode: StatusCode.AlreadyExists })
        {
            return false;
        }
    }
}
