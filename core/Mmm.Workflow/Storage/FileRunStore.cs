namespace Mmm.Workflow.Storage;

/// <summary>
/// <see cref="IRunStore"/> on the local file system, for <c>mmm fit</c>: a URI is an absolute path or a
/// <c>file://</c> URI, and a folder's files are named <c>{folder}/{name}</c> as blobs are. A write goes to a
/// temporary file next to the target and is renamed over it, so a file is either absent, old or whole.
/// Files carry no ETag: a conditional read is refused (<c>mmm fit</c> reads its input once).
/// </summary>
public sealed class FileRunStore : IRunStore
{
    /// <summary>The local path of a URI (absolute paths and file:// URIs; anything else is refused).</summary>
    public static string PathOf(string uri)
    {
        if (uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase)) return new Uri(uri).LocalPath;
        if (!Path.IsPathFullyQualified(uri)) throw new ArgumentException($"'{uri}' is neither an absolute path nor a file:// URI", nameof(uri));
        return Path.GetFullPath(uri);
    }

    public Task<Stream> ReadAsync(string uri, CancellationToken ct = default)
    {
        var path = PathOf(uri);
        if (!File.Exists(path)) throw new FileNotFoundException($"File not found: {path}", path);
        return Task.FromResult<Stream>(new MemoryStream(File.ReadAllBytes(path), writable: false));
    }

    public async Task<Stream?> ReadIfMatchAsync(string uri, string? etag, CancellationToken ct = default)
    {
        if (etag is not null) throw new NotSupportedException($"Files have no ETag; cannot read {uri} conditioned on {etag}.");
        return File.Exists(PathOf(uri)) ? await ReadAsync(uri, ct) : null;
    }

    public async Task<string?> ReadTextIfExistsAsync(string uri, CancellationToken ct = default)
    {
        var path = PathOf(uri);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null;
    }

    public async Task WriteAsync(string uri, Stream content, CancellationToken ct = default)
    {
        var path = PathOf(uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await content.CopyToAsync(file, ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<bool> ExistsAsync(string uri, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(uri)));

    public Task DeleteIfExistsAsync(string uri, CancellationToken ct = default)
    {
        var path = PathOf(uri);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    public Task DeleteFolderAsync(string folderUri, CancellationToken ct = default)
    {
        var path = PathOf(folderUri);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        return Task.CompletedTask;
    }
}
