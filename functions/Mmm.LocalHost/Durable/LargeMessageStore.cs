using System.IO.Compression;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Mmm.LocalHost.Durable;

/// <summary>
/// Payloads too large for a table property, gzipped into the <c>{hub}-largemessages</c> container under
/// <c>{instanceId}/...</c> (so a purge deletes them by prefix). The table row then holds the blob name in a
/// sibling property (<c>InputBlob</c> next to <c>Input</c>, and so on). The blob is written before the row
/// that refers to it, so a reader never follows a reference to a missing blob.
/// </summary>
internal sealed class LargeMessageStore(BlobContainerClient container, int thresholdChars)
{
    public Task EnsureCreatedAsync(CancellationToken ct) => container.CreateIfNotExistsAsync(cancellationToken: ct);

    /// <summary>Small payloads come back as (json, null); large ones are uploaded and come back as (null, blobName).</summary>
    public async Task<(string? Inline, string? BlobName)> PutAsync(string instanceId, string blobStem, string? json, CancellationToken ct)
    {
        if (json is null || json.Length <= thresholdChars) return (json, null);
        var blobName = $"{instanceId}/{blobStem}.json.gz";
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(json), ct);
        buffer.Position = 0;
        await container.GetBlobClient(blobName).UploadAsync(buffer, overwrite: true, ct);
        return (null, blobName);
    }

    public async Task<string?> GetAsync(string? inline, string? blobName, CancellationToken ct)
    {
        if (blobName is null) return inline;
        var download = await container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: ct);
        await using var gzip = new GZipStream(download.Value.Content, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    public async Task<int> DeleteAllAsync(string instanceId, CancellationToken ct)
    {
        int deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId + "/", ct))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
            deleted++;
        }
        return deleted;
    }
}
