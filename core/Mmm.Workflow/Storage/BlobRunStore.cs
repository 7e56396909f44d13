using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Storage;

/// <summary><see cref="IRunStore"/> on Azure Blob Storage (a real account or Azurite).</summary>
public sealed class BlobRunStore(BlobServiceClient service) : IRunStore
{
    public BlobServiceClient Service { get; } = service;

    /// <summary>The URI of a blob in this account.</summary>
    public string Uri(string container, string blobName) => Service.GetBlobContainerClient(container).GetBlobClient(blobName).Uri.ToString();

    public BlobClient Blob(string uri)
    {
        var (container, name) = Locate(uri);
        return Service.GetBlobContainerClient(container).GetBlobClient(name);
    }

    /// <summary>Container and blob name of a URI under this account's endpoint.</summary>
    public (string Container, string Name) Locate(string uri)
    {
        var root = Service.Uri.AbsoluteUri.TrimEnd('/') + "/";
        if (!uri.StartsWith(root, StringComparison.Ordinal))
            throw new ArgumentException($"'{uri}' is not a blob of the account at {root}");
        var path = System.Uri.UnescapeDataString(uri[root.Length..]);
        int slash = path.IndexOf('/');
        if (slash <= 0) throw new ArgumentException($"'{uri}' names no blob");
        return (path[..slash], path[(slash + 1)..]);
    }

    public async Task<Stream> ReadAsync(string uri, CancellationToken ct = default)
    {
        try
        {
            var memory = new MemoryStream();
            await Blob(uri).DownloadToAsync(memory, ct);
            memory.Position = 0;
            return memory;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"Blob not found: {uri}", uri, e);
        }
    }

    public async Task<Stream?> ReadIfMatchAsync(string uri, string? etag, CancellationToken ct = default)
    {
        var options = new BlobDownloadToOptions();
        if (etag is not null) options.Conditions = new BlobRequestConditions { IfMatch = new ETag(BlobEtag.Canonical(etag)) };
        try
        {
            var memory = new MemoryStream();
            await Blob(uri).DownloadToAsync(memory, options, ct);
            memory.Position = 0;
            return memory;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task<string?> ReadTextIfExistsAsync(string uri, CancellationToken ct = default)
    {
        try
        {
            var content = await Blob(uri).DownloadContentAsync(ct);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task WriteAsync(string uri, Stream content, CancellationToken ct = default)
    {
        var blob = Blob(uri);
        await Service.GetBlobContainerClient(blob.BlobContainerName).CreateIfNotExistsAsync(cancellationToken: ct);
        await blob.UploadAsync(content, overwrite: true, ct);
    }

    public async Task<bool> ExistsAsync(string uri, CancellationToken ct = default) => (await Blob(uri).ExistsAsync(ct)).Value;

    public async Task DeleteIfExistsAsync(string uri, CancellationToken ct = default) =>
        await Blob(uri).DeleteIfExistsAsync(cancellationToken: ct);

    public async Task DeleteFolderAsync(string folderUri, CancellationToken ct = default)
    {
        var (container, prefix) = Locate(folderUri.TrimEnd('/') + "/");
        var client = Service.GetBlobContainerClient(container);
        try
        {
            await foreach (var item in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct))
                await client.DeleteBlobIfExistsAsync(item.Name, cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container: a run that failed before it wrote any work file (its input changed) has nothing to delete.
        }
    }
}
