using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mmm.LocalHost.Watcher;

/// <summary>
/// The local blob trigger: scans one container every <see cref="BlobWatcherOptions.ScanInterval"/> and,
/// for each blob version (name + ETag) its <see cref="IBlobStartRule"/> starts (the input container's panels,
/// <see cref="RunStarter"/>; the output container's plan requests, <see cref="PlanStarter"/>: the rules the Functions
/// blob triggers apply too) and has no receipt, starts the rule's orchestration with the contract instance id,
/// then writes the receipt. The start is idempotent in the engine (an id that exists in any state starts
/// nothing), so a re-scan, a lost receipt or a second process watching the same container never makes a second
/// run of one blob version. Config blobs (<c>*.json</c>) and other files are never started. A failed start is counted in
/// the receipt; at <see cref="BlobWatcherOptions.PoisonBlobThreshold"/> failures the blob goes to the poison
/// queue and is not retried. Host it as a hosted service, or call <see cref="ScanOnceAsync"/>.
/// </summary>
public sealed class BlobWatcher : BackgroundService
{
    private readonly BlobContainerClient input;
    private readonly IOrchestrationClient client;
    private readonly IBlobStartRule starts;
    private readonly BlobReceipts receipts;
    private readonly PoisonBlobQueue poison;
    private readonly BlobWatcherOptions options;
    private readonly ILogger logger;
    private bool inputEnsured;

    public BlobWatcher(BlobServiceClient blobs, QueueServiceClient queues, IOrchestrationClient client, IBlobStartRule starts,
        BlobWatcherOptions options, ILogger<BlobWatcher>? logger = null)
    {
        this.client = client;
        if (starts.Container != options.InputContainer)
            throw new ArgumentException($"the start rule is for container '{starts.Container}', the watcher watches '{options.InputContainer}'", nameof(starts));
        this.starts = starts;
        this.options = options;
        this.logger = logger ?? NullLogger<BlobWatcher>.Instance;
        input = blobs.GetBlobContainerClient(options.InputContainer);
        receipts = new BlobReceipts(blobs, options.HubName, options.FunctionId);
        poison = new PoisonBlobQueue(queues);
    }

    public BlobWatcherOptions Options => options;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Watching container {Container} for {Orchestrator} every {Interval} (task hub {HubName}, poison threshold {Threshold})",
            options.InputContainer, starts.Orchestrator, options.ScanInterval, options.HubName, options.PoisonBlobThreshold);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Storage unreachable or similar: log and try again on the next scan.
                logger.LogWarning(e, "Scan of container {Container} failed; retrying in {Interval}", options.InputContainer, options.ScanInterval);
            }
            try
            {
                await Task.Delay(options.ScanInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One pass over the input container.</summary>
    public async Task<ScanResult> ScanOnceAsync(CancellationToken ct = default)
    {
        if (!inputEnsured)
        {
            await input.CreateIfNotExistsAsync(cancellationToken: ct);
            inputEnsured = true;
        }
        var known = await receipts.ReadAllAsync(ct);
        var result = ScanResult.Empty;
        await foreach (var blob in input.GetBlobsAsync(cancellationToken: ct))
        {
            if (!starts.Starts(blob.Name) || blob.Properties.ETag is not { } etagValue) continue;
            var etag = BlobEtag.Canonical(etagValue);
            var receiptName = receipts.NameFor(input.Name, blob.Name, etag);
            known.TryGetValue(receiptName, out var receipt);
            if (receipt is { Status: ReceiptStatus.Completed or ReceiptStatus.Poisoned }) continue;
            result = await ProcessAsync(blob.Name, etag, receiptName, receipt, result, ct);
        }
        return result;
    }

    private async Task<ScanResult> ProcessAsync(string blobName, string etag, string receiptName, Receipt? receipt, ScanResult result,
        CancellationToken ct)
    {
        var plan = starts.For(blobName, etag);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["InstanceId"] = plan.InstanceId, ["Container"] = input.Name, ["BlobName"] = blobName, ["ETag"] = etag,
        });
        bool started;
        try
        {
            started = await client.StartAsync(starts.Orchestrator, plan.InstanceId, plan.Input, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            int failures = (receipt?.Failures ?? 0) + 1;
            if (failures >= options.PoisonBlobThreshold)
            {
                logger.LogError(e, "Starting {InstanceId} for {Container}/{BlobName} failed {Failures} times; moving it to {PoisonQueue}",
                    plan.InstanceId, input.Name, blobName, failures, PoisonBlobQueue.QueueName);
                await poison.SendAsync(new PoisonBlobMessage(options.FunctionId, "BlockBlob", input.Name, blobName, etag), ct);
                await receipts.WriteAsync(receiptName, new Receipt(ReceiptStatus.Poisoned, failures, plan.InstanceId), ct);
                return result with { Poisoned = result.Poisoned + 1 };
            }
            logger.LogWarning(e, "Starting {InstanceId} for {Container}/{BlobName} failed (attempt {Failures} of {Threshold}); retrying on the next scan",
                plan.InstanceId, input.Name, blobName, failures, options.PoisonBlobThreshold);
            await receipts.WriteAsync(receiptName, new Receipt(ReceiptStatus.Pending, failures, plan.InstanceId), ct);
            return result with { Failed = result.Failed + 1 };
        }
        await receipts.WriteAsync(receiptName, new Receipt(ReceiptStatus.Completed, receipt?.Failures ?? 0, plan.InstanceId), ct);
        if (started)
        {
            logger.LogInformation("Started {Orchestrator} instance {InstanceId} for {Container}/{BlobName} (ETag {ETag})",
                starts.Orchestrator, plan.InstanceId, input.Name, blobName, etag);
            return result with { Started = result.Started + 1 };
        }
        logger.LogInformation("Instance {InstanceId} for {Container}/{BlobName} already exists; receipt written",
            plan.InstanceId, input.Name, blobName);
        return result with { AlreadyRunning = result.AlreadyRunning + 1 };
    }
}
