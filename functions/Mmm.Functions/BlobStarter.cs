using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.Functions;

/// <summary>
/// A blob lands in the input container (Event Grid BlobCreated; the container is the app setting
/// <c>MMM_INPUT_CONTAINER</c>) -> one orchestration per (blob, ETag) when <see cref="RunInputs.StartsRun"/> says the
/// blob starts a run, the rule the local watcher applies too. Delivery is at least once: the instance id comes
/// from name + ETag and the start is refused for an id that exists in any state.
/// </summary>
public sealed class BlobStarter(RunLocations locations, ILogger<BlobStarter> logger)
{
    public const string TriggerPath = "%" + MmmSettings.InputContainerSetting + "%/{name}";

    [Function(nameof(BlobStarter))]
    public async Task Run(
        [BlobTrigger(TriggerPath, Source = BlobTriggerSource.EventGrid, Connection = MmmSettings.StorageSetting)] BlobClient blob,
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
        var run = await locations.Runs.StartAsync(new DurableClientStarter(client), name, properties.Value.ETag.ToString(), ct);
        logger.LogInformation(run.Started ? "Started {InstanceId} for {Blob}" : "{InstanceId} for {Blob} exists; nothing started", run.InstanceId, name);
    }
}
