using Azure.Storage.Blobs;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// Starts an orchestration (<see cref="MmmOrchestrator"/>, <see cref="MmmPlanner"/>) in one host's engine: the Functions app's
/// <c>DurableTaskClient</c>, the local host's engine client.
/// </summary>
public interface IOrchestrationStarter
{
    /// <summary>Schedules the orchestration with this id; false when an instance with the id exists in any state (nothing starts).</summary>
    Task<bool> StartAsync(string orchestrator, string instanceId, object input, CancellationToken ct);
}

/// <summary>Which blobs of one container start an orchestration, and with which id and input: the rule a blob trigger or the
/// local watcher applies (<see cref="RunStarter"/> for panels, <see cref="PlanStarter"/> for plan requests).</summary>
public interface IBlobStartRule
{
    /// <summary>The container's name.</summary>
    string Container { get; }
    string Orchestrator { get; }
    bool Starts(string blobName);
    (string InstanceId, object Input) For(string blobName, string etag);
}

/// <summary>A run asked for: the input blob (name and canonical ETag), its instance, and whether this call started it.</summary>
public sealed record StartedRun(string InstanceId, string BlobName, string ETag, bool Started, RunInput Input);

/// <summary>
/// Upload-then-start, the same in every host (the Azure blob trigger and HTTP starter, the local watcher's
/// start, the local HTTP starter, <c>mmm run</c> and <c>demo</c>): the input blob's version (name and ETag) gives
/// the contract instance id and the run's URIs (<see cref="RunInputs.For"/>), and the orchestration starts with
/// that id, so any other path that sees the same blob version later (the blob trigger after the HTTP starter)
/// starts nothing new.
/// </summary>
public sealed class RunStarter(BlobServiceClient blobs, string inputContainer, string outputContainer, string workContainer) : IBlobStartRule
{
    public BlobContainerClient Input { get; } = blobs.GetBlobContainerClient(inputContainer);
    private readonly string outputUri = blobs.GetBlobContainerClient(outputContainer).Uri.ToString();
    private readonly string workUri = blobs.GetBlobContainerClient(workContainer).Uri.ToString();

    /// <summary>Instance id and orchestration input for the input blob <paramref name="blobName"/> with <paramref name="etag"/> (any spelling).</summary>
    public (string InstanceId, RunInput Input) Plan(string blobName, string etag) =>
        RunInputs.For(Input.Uri.ToString(), outputUri, workUri, blobName, etag);

    public string Container => Input.Name;
    public string Orchestrator => MmmOrchestrator.Name;
    public bool Starts(string blobName) => RunInputs.StartsRun(blobName);
    (string InstanceId, object Input) IBlobStartRule.For(string blobName, string etag) => Plan(blobName, etag);

    /// <summary>Starts the run of a blob version that is already in the input container.</summary>
    public async Task<StartedRun> StartAsync(IOrchestrationStarter starter, string blobName, string etag, CancellationToken ct = default)
    {
        var canonical = BlobEtag.Canonical(etag);
        var (instanceId, input) = Plan(blobName, canonical);
        bool started = await starter.StartAsync(MmmOrchestrator.Name, instanceId, input, ct);
        return new StartedRun(instanceId, blobName, canonical, started, input);
    }

    /// <summary>
    /// Uploads <paramref name="panel"/> as <paramref name="blobName"/> (overwriting: a new ETag is a new run), after its run
    /// config <c>{name}.json</c> when <paramref name="configJson"/> is given, and starts the run of the uploaded version.
    /// </summary>
    public async Task<StartedRun> UploadAndStartAsync(IOrchestrationStarter starter, string blobName, Stream panel, string? configJson = null,
        CancellationToken ct = default)
    {
        if (configJson is not null)
            await Input.GetBlobClient(RunInputs.ConfigBlobName(blobName)).UploadAsync(BinaryData.FromString(configJson), overwrite: true, ct);
        var uploaded = await Input.GetBlobClient(blobName).UploadAsync(panel, overwrite: true, ct);
        return await StartAsync(starter, blobName, uploaded.Value.ETag.ToString(), ct);
    }
}
