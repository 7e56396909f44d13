namespace Mmm.Workflow.Storage;

/// <summary>
/// The storage seam of the workflow: blobs addressed by URI. The activities read inputs and checkpoints
/// and write checkpoints and outputs only through it; the pipeline's hosts give it a real account (Azure or
/// Azurite, <see cref="BlobRunStore"/>), <c>mmm fit</c> a local folder (<see cref="FileRunStore"/>).
/// </summary>
public interface IRunStore
{
    /// <summary>The whole blob in a seekable stream; <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> ReadAsync(string uri, CancellationToken ct = default);

    /// <summary>
    /// The whole blob in a seekable stream if it still has the ETag <paramref name="etag"/> (any spelling, see
    /// <see cref="Orchestration.BlobEtag"/>); null when it is absent or has another ETag. A null
    /// <paramref name="etag"/> reads whatever is there.
    /// </summary>
    Task<Stream?> ReadIfMatchAsync(string uri, string? etag, CancellationToken ct = default);

    /// <summary>The blob's text, or null when it does not exist.</summary>
    Task<string?> ReadTextIfExistsAsync(string uri, CancellationToken ct = default);

    /// <summary>Creates or overwrites the blob; a reader sees the old content or the new, never part of it.</summary>
    Task WriteAsync(string uri, Stream content, CancellationToken ct = default);

    Task<bool> ExistsAsync(string uri, CancellationToken ct = default);

    Task DeleteIfExistsAsync(string uri, CancellationToken ct = default);

    /// <summary>Deletes every blob under the folder URI (best effort clean-up of work files).</summary>
    Task DeleteFolderAsync(string folderUri, CancellationToken ct = default);
}
