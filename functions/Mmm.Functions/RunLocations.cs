using Azure.Storage.Blobs;
using Grpc.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.Functions;

/// <summary>The pipeline's containers in the app's storage account (from <see cref="MmmSettings"/>): the shared <see cref="RunStarter"/>.</summary>
public sealed class RunLocations(BlobServiceClient service, MmmSettings settings)
{
    /// <summary>Every status the SDK accepts as a dedupe status: an id that exists in any state starts nothing, so a run never runs twice.</summary>
    public static readonly OrchestrationRuntimeStatus[] DedupeStatuses = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    public RunStarter Runs { get; } = new(service, settings.InputContainer, settings.OutputContainer, settings.WorkContainer);

    /// <summary>Plan requests next to finished runs in the output container (<see cref="PlanInputs"/>).</summary>
    public PlanStarter Plans { get; } = new(service, settings.OutputContainer);

    public BlobContainerClient Input => Runs.Input;

    /// <summary>Instance id and orchestration input for the input blob <paramref name="blobName"/> with <paramref name="etag"/>.</summary>
    public (string InstanceId, RunInput Input) For(string blobName, string etag) => Runs.Plan(blobName, etag);

    /// <summary>Schedules the run; false when an instance with its id exists in any state (<see cref="DurableClientStarter"/>).</summary>
    public static Task<bool> StartAsync(DurableTaskClient client, string instanceId, RunInput input, CancellationToken ct) =>
        new DurableClientStarter(client).StartAsync(MmmOrchestrator.Name, instanceId, input, ct);
}

/// <summary>
/// Starts the orchestration through the Durable extension's client. The Durable Functions host refuses a start
/// for an id that exists with gRPC status AlreadyExists, which the SDK client (1.28) raises as
/// <see cref="OrchestrationAlreadyExistsException"/>: that is "nothing started" (a re-delivered event, a second upload path).
/// </summary>
public sealed class DurableClientStarter(DurableTaskClient client) : IOrchestrationStarter
{
    public async Task<bool> StartAsync(string orchestrator, string instanceId, object input, CancellationToken ct)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input,
                new StartOrchestrationOptions(InstanceId: instanceId).WithDedupeStatuses(RunLocations.DedupeStatuses), ct);
            return true;
        }
        catch (Exception e) when (e is OrchestrationAlreadyExistsException or RpcException { StatusCode: StatusCode.AlreadyExists })
        {
            return false;
        }
    }
}
