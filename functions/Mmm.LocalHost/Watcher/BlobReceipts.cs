using Mmm.Workflow.Orchestration;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Mmm.LocalHost.Watcher;

public enum ReceiptStatus { Pending, Completed, Poisoned }

/// <summary>What the receipt of one blob version says: done, poisoned, or how many starts failed so far.</summary>
public sealed record Receipt(ReceiptStatus Status, int Failures, string? InstanceId);

/// <summary>
/// Blob receipts as the Functions blob trigger keeps them:
/// <c>azure-webjobs-hosts/blobreceipts/{hubName}/{functionId}/{etag}/{container}/{blobName}</c>, one empty blob
/// per processed blob version. The state (status, failure count, instance id) is in the receipt's metadata.
/// </summary>
public sealed class BlobReceipts(BlobServiceClient blobs, string hubName, string functionId)
{
    public const string HostsContainer = "azure-webjobs-hosts";
    private const string StatusKey = "status", FailuresKey = "failures", InstanceKey = "instanceid";

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(HostsContainer);
    private bool ensured;

    public string Prefix => $"blobreceipts/{hubName}/{functionId}/";

    public string NameFor(string blobContainer, string blobName, string etag) =>
        $"{Prefix}{BlobEtag.Bare(etag)}/{blobContainer}/{blobName}";

    /// <summary>Every receipt of this function, by receipt blob name.</summary>
    public async Task<Dictionary<string, Receipt>> ReadAllAsync(CancellationToken ct)
    {
        await EnsureContainerAsync(ct);
        var result = new Dictionary<string, Receipt>(StringComparer.Ordinal);
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = Prefix }, ct))
            result[item.Name] = Parse(item.Metadata);
        return result;
    }

    public Task WriteAsync(string receiptName, Receipt receipt, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string>
        {
            [StatusKey] = receipt.Status.ToString(),
            [FailuresKey] = receipt.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (receipt.InstanceId is { } id) metadata[InstanceKey] = id;
        return WriteCoreAsync(receiptName, metadata, ct);
    }

    private async Task WriteCoreAsync(string receiptName, Dictionary<string, string> metadata, CancellationToken ct)
    {
        await EnsureContainerAsync(ct);
        await container.GetBlobClient(receiptName).UploadAsync(BinaryData.Empty, new BlobUploadOptions { Metadata = metadata }, ct);
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (ensured) return;
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        ensured = true;
    }

    private static Receipt Parse(IDictionary<string, string>? metadata)
    {
        // A receipt without our metadata (e.g. written by another tool) counts as processed.
        if (metadata is null || !TryGet(metadata, StatusKey, out var statusText)
            || !Enum.TryParse<ReceiptStatus>(statusText, ignoreCase: true, out var status))
            return new Receipt(ReceiptStatus.Completed, 0, null);
        int failures = TryGet(metadata, FailuresKey, out var f) && int.TryParse(f, out var n) ? n : 0;
        return new Receipt(status, failures, TryGet(metadata, InstanceKey, out var id) ? id : null);
    }

    // Metadata keys come back in whatever case the service stored them.
    private static bool TryGet(IDictionary<string, string> metadata, string key, out string value)
    {
        foreach (var pair in metadata)
            if (pair.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        value = "";
        return false;
    }
}
