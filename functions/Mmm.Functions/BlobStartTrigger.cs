using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions;

/// <summary>
/// What both Event Grid blob triggers do (<see cref="BlobStarter"/> for panels, <see cref="PlanRequestStarter"/> for plan requests):
/// when the start rule says the blob starts its orchestration, start it with the id of the blob's current version. Delivery is at
/// least once; the id comes from name + ETag and a start is refused for an id that exists in any state.
/// </summary>
internal static class BlobStartTrigger
{
    public static async Task RunAsync(IBlobStartRule rule, BlobClient blob, string name, DurableTaskClient client, ILogger logger, CancellationToken ct)
    {
        if (!rule.Starts(name))
        {
            logger.LogInformation("Skipping {Blob}: it does not start {Orchestrator}", name, rule.Orchestrator);
            return;
        }
        var properties = await blob.GetPropertiesAsync(cancellationToken: ct);
        var (instanceId, input) = rule.For(name, BlobEtag.Canonical(properties.Value.ETag.ToString()));
        bool started = await new DurableClientStarter(client).StartAsync(rule.Orchestrator, instanceId, input, ct);
        logger.LogInformation(started ? "Started {Orchestrator} {InstanceId} for {Blob}" : "{Orchestrator} {InstanceId} for {Blob} exists; nothing started",
            rule.Orchestrator, instanceId, name);
    }
}
