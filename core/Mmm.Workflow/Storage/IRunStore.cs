namespace Mmm.Workflow.Storage;

/// <summary>
/// The storage seam of the workflow: blobs addressed by URI. The activities read inputs and checkpoints
/// and write checkpoints and outputs only through it; the hosts give it a real account (Azure or Azurite).
/// </summary>
public interface IRunStore
{
    /// <summary>The whole blob in a seekable stream; <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> ReadAsync(string uri, CancellationToken ct = default);

    /// <summary>The blob's text, or null when it does not exist.</summary>
    Task<string?> ReadTextIfExistsAsync(string uri, CancellationToken ct = default);

    /// <summary>Creates or overwrites the blob.</summary>
    Task WriteAsync(string uri, Stream content, CancellationToken ct = default);

    Task<bool> ExistsAsync(string uri, CancellationToken ct = default);

    /// <summary>Deletes every blob under the folder URI (best effort clean-up of work files).</summary>
    Task DeleteFolderAsync(string folderUri, CancellationToken ct = default);
}
