using Azure.Storage.Blobs;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Watcher;

/// <summary>An orchestration to start for one blob version: the contract instance id and its input.</summary>
public sealed record PlannedRun(string InstanceId, RunInput Input);

/// <summary>
/// The orchestration to start for one input blob version, for the blob watcher and the HTTP starter:
/// <see cref="RunInputs.For"/> (shared with the Azure host) on this account's containers.
/// </summary>
public sealed class RunInputFactory(BlobServiceClient blobs, string outputContainer, string workContainer)
{
    public string OutputContainer { get; } = outputContainer;
    public string WorkContainer { get; } = workContainer;

    /// <param name="etag">The blob's ETag in any spelling; it is made canonical (<see cref="BlobEtag"/>).</param>
    public PlannedRun Create(string container, string blobName, string etag)
    {
        var (instanceId, input) = RunInputs.For(ContainerUri(container), ContainerUri(OutputContainer), ContainerUri(WorkContainer), blobName, etag);
        return new PlannedRun(instanceId, input);
    }

    private string ContainerUri(string container) => blobs.GetBlobContainerClient(container).Uri.ToString().TrimEnd('/');
}
