using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions;

/// <summary>
/// A Parquet panel lands in mmm-input (Event Grid BlobCreated) -> one orchestration per (blob, ETag).
/// Config blobs ({dataset}.json) and other files start nothing. Delivery is at least once: the instance
/// id comes from name + ETag, and an existing instance is left alone.
/// </summary>
public sealed class BlobStarter(RunLocations locations, ILogger<BlobStarter> logger)
{
    [Function(nameof(BlobStarter))]
    public async Task Run(
        [BlobTrigger("mmm-input/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken ct)
    {
        if (!RunInputs.StartsRun(name))
        {
            logger.LogInformation("Skipping {Blob}: not a .parquet panel", name);
            return;
        }
        var properties = await blob.GetPropertiesAsync(cancellationToken: ct);
        var (instanceId, input) = locations.For(name, properties.Value.ETag.ToString());
        bool started = await RunLocations.StartIfAbsentAsync(client, instanceId, input, ct);
        logger.LogInformation(started ? "Started {InstanceId} for {Blob}" : "{InstanceId} for {Blob} exists; nothing started", instanceId, name);
    }
}
