using Azure.Storage.Blobs;

namespace Mmm.Workflow.Orchestration;

/// <summary>A plan asked for: the request blob (name and canonical ETag), the plan's instance, whether this call started it.</summary>
public sealed record StartedPlan(string InstanceId, string BlobName, string ETag, bool Started, PlanInput Input);

/// <summary>
/// Upload-then-start of a plan, the same in every host (the HTTP routes, the Functions blob trigger, the local watcher): the request
/// blob's version in the output container gives the plan's id and URIs (<see cref="PlanInputs.For"/>), so a second path that
/// sees the same request version starts nothing new.
/// </summary>
public sealed class PlanStarter(BlobServiceClient blobs, string outputContainer) : IBlobStartRule
{
    public BlobContainerClient Output { get; } = blobs.GetBlobContainerClient(outputContainer);

    public string Container => Output.Name;
    public string Orchestrator => MmmPlanner.Name;
    public bool Starts(string blobName) => PlanInputs.IsRequest(blobName);
    (string InstanceId, object Input) IBlobStartRule.For(string blobName, string etag) => Plan(blobName, etag);

    public (string InstanceId, PlanInput Input) Plan(string blobName, string etag) => PlanInputs.For(Output.Uri.ToString(), blobName, etag);

    /// <summary>Starts the plan of a request version that is already in the output container.</summary>
    public async Task<StartedPlan> StartAsync(IOrchestrationStarter starter, string blobName, string etag, CancellationToken ct = default)
    {
        var canonical = BlobEtag.Canonical(etag);
        var (instanceId, input) = Plan(blobName, canonical);
        bool started = await starter.StartAsync(MmmPlanner.Name, instanceId, input, ct);
        return new StartedPlan(instanceId, blobName, canonical, started, input);
    }

    /// <summary>Uploads <paramref name="requestJson"/> as the request <paramref name="name"/> of run <paramref name="runInstanceId"/>
    /// (overwriting: a new ETag is a new plan) and starts its plan.</summary>
    public async Task<StartedPlan> UploadAndStartAsync(IOrchestrationStarter starter, string runInstanceId, string name, string requestJson,
        CancellationToken ct = default)
    {
        var blobName = PlanInputs.RequestBlobName(runInstanceId, name);
        var uploaded = await Output.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(requestJson), overwrite: true, ct);
        return await StartAsync(starter, blobName, uploaded.Value.ETag.ToString(), ct);
    }
}
