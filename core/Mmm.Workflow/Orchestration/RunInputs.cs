namespace Mmm.Workflow.Orchestration;

/// <summary>
/// Builds the orchestration input for an uploaded blob, the same way in every host (the Azure blob
/// trigger, the HTTP starter, the local watcher): which blobs start a run, the contract's instance id,
/// and the run's URIs: output under <c>{outputContainer}/{dataset}/{instanceId}</c>, checkpoints under
/// <c>{workContainer}/{dataset}/{instanceId}</c>, the optional run config <c>{name}.json</c> next to the data.
/// </summary>
public static class RunInputs
{
    public const string PanelExtension = ".parquet";
    public const string ConfigExtension = ".json";

    /// <summary>True for a blob that starts a run: a Parquet panel. Config blobs (*.json) and anything else do not.</summary>
    public static bool StartsRun(string blobName) =>
        blobName.EndsWith(PanelExtension, StringComparison.OrdinalIgnoreCase) && blobName.Split('/')[^1].Length > PanelExtension.Length;

    /// <summary>The run config's blob name for a panel blob: same folder and stem, extension .json.</summary>
    public static string ConfigBlobName(string blobName) => blobName[..^Path.GetExtension(blobName).Length] + ConfigExtension;

    /// <summary>
    /// The instance id and input of the run for <paramref name="blobName"/> (its name inside the input
    /// container, not escaped) with <paramref name="etag"/>. Container URIs are the containers' URIs
    /// (<c>https://{account}.blob.core.windows.net/mmm-input</c> or Azurite's), without a trailing slash needed.
    /// The ETag may come in any spelling (quoted or not): it is made canonical first, so every host derives
    /// the same instance id for the same blob version.
    /// </summary>
    /// <summary>The container's name (unescaped) from its URI: the part of the instance id's hash that names the container.</summary>
    internal static string ContainerName(string containerUri)
    {
        var uri = containerUri.TrimEnd('/');
        return Uri.UnescapeDataString(uri[(uri.LastIndexOf('/') + 1)..]);
    }

    public static (string InstanceId, RunInput Input) For(string inputContainerUri, string outputContainerUri, string workContainerUri,
        string blobName, string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        etag = BlobEtag.Canonical(etag);
        var input = inputContainerUri.TrimEnd('/');
        var id = InstanceIds.For(ContainerName(input), blobName, etag);
        var dataset = InstanceIds.Dataset(blobName);
        var run = new RunInput(
            Dataset: dataset,
            InputUri: $"{input}/{Escape(blobName)}",
            InputEtag: etag,
            ConfigUri: $"{input}/{Escape(ConfigBlobName(blobName))}",
            OutputPrefix: $"{outputContainerUri.TrimEnd('/')}/{dataset}/{id}",
            WorkPrefix: $"{workContainerUri.TrimEnd('/')}/{dataset}/{id}");
        return (id, run);
    }

    /// <summary>Escapes each path segment of a blob name, keeping the '/' separators (as BlobClient.Uri does).</summary>
    public static string Escape(string blobName) => string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
}
