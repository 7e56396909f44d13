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
/// blob starts a run, the rule the local watcher applies too (<see cref="BlobStartTrigger"/>).
/// </summary>
public sealed class BlobStarter(RunLocations locations, ILogger<BlobStarter> logger)
{
    public const string TriggerPath = "%" + MmmSettings.InputContainerSetting + "%/{name}";

    [Function(nameof(BlobStarter))]
    public Task Run(
        [BlobTrigger(TriggerPath, Source = BlobTriggerSource.EventGrid, Connection = MmmSettings.StorageSetting)] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken ct) => BlobStartTrigger.RunAsync(locations.Runs, blob, name, client, logger, ct);
}
