using Azure.Storage.Blobs;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Watcher;

/// <summary>An orchestration to start for one blob version: the contract instance id and its input.</summary>
public sealed record PlannedRun(string InstanceId, RunInput Input);

/// <summary>
/// Builds the orchestration input for one input blob version, the same way for the blob watcher and the
/// HTTP starter: Dataset = <see cref="InstanceIds.Dataset"/>; InputUri; InputEtag; ConfigUri =
/// <c>{dataset}.json</c> in the same folder (read by the activity only when it exists); OutputPrefix =
/// <c>{output container}/{dataset}/{instanceId}</c>; WorkPrefix = <c>{work container}/{instanceId}</c>.
/// </summary>
public sealed class RunInputFactory(BlobServiceClient blobs, string outputContainer, string workContainer)
{
    public string OutputContainer { get; } = outputContainer;
    public string WorkContainer { get; } = workContainer;

    /// <param name="etag">The blob's ETag in any spelling; it is made canonical (<see cref="BlobEtag"/>).</param>
    public PlannedRun Create(string container, string blobName, string etag)
    {
        var canonicalEtag = BlobEtag.Canonical(etag);
        var instanceId = InstanceIds.For(container, blobName, canonicalEtag);
        var dataset = InstanceIds.Dataset(blobName);
        var inputContainer = blobs.GetBlobContainerClient(container);
        int slash = blobName.LastIndexOf('/');
        var configName = (slash >= 0 ? blobName[..(slash + 1)] : "") + dataset + ".json";
        var input = new RunInput(
            Dataset: dataset,
            InputUri: inputContainer.GetBlobClient(blobName).Uri.ToString(),
            InputEtag: canonicalEtag,
            ConfigUri: inputContainer.GetBlobClient(configName).Uri.ToString(),
            OutputPrefix: $"{ContainerUri(OutputContainer)}/{dataset}/{instanceId}",
            WorkPrefix: $"{ContainerUri(WorkContainer)}/{instanceId}");
        return new PlannedRun(instanceId, input);
    }

    private string ContainerUri(string container) => blobs.GetBlobContainerClient(container).Uri.ToString().TrimEnd('/');
}
