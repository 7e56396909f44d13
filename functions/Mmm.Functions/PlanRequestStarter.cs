using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.Functions;

/// <summary>
/// A plan request lands next to a run's outputs (Event Grid BlobCreated on the output container, <c>MMM_OUTPUT_CONTAINER</c>,
/// filtered to <c>/plans/</c> JSON blobs) -> one <see cref="MmmPlanner"/> per (request, ETag) when <see cref="PlanInputs.IsRequest"/> says
/// it is one, the rule the local plan watcher applies too; the plan's own files, one folder deeper, are skipped.
/// </summary>
public sealed class PlanRequestStarter(RunLocations locations, ILogger<PlanRequestStarter> logger)
{
    public const string TriggerPath = "%" + MmmSettings.OutputContainerSetting + "%/{name}";

    [Function(nameof(PlanRequestStarter))]
    public Task Run(
        [BlobTrigger(TriggerPath, Source = BlobTriggerSource.EventGrid, Connection = MmmSettings.StorageSetting)] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken ct) => BlobStartTrigger.RunAsync(locations.Plans, blob, name, client, logger, ct);
}
