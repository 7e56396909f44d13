namespace Mmm.Workflow.Orchestration;

/// <summary>
/// Builds the planner's input for a plan request blob in the output container, the same way in every host (the Functions blob
/// trigger and HTTP route, the local watcher and route): a request is <c>{dataset}/{runInstanceId}/plans/{name}.json</c>, next to
/// the run's outputs; its plan is written to <c>{dataset}/{runInstanceId}/plans/{planInstanceId}/</c>, the id from the request's
/// name and version (<see cref="InstanceIds.ForPlan"/>), so a changed request is a new plan in a new folder.
/// </summary>
public static class PlanInputs
{
    public const string Folder = "plans";
    public const string Extension = ".json";

    /// <summary>True for a plan request: <c>{dataset}/{mmm-...}/plans/{name}.json</c>. The plan's own files (one folder deeper) are not.</summary>
    public static bool IsRequest(string blobName)
    {
        var parts = blobName.Split('/');
        return parts.Length == 4 && parts[2] == Folder && InstanceIds.TryRunDataset(parts[1], out var dataset) && dataset == parts[0]
               && parts[3].EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && parts[3].Length > Extension.Length;
    }

    /// <summary>The request blob's name for a plan called <paramref name="name"/> of run <paramref name="runInstanceId"/>.</summary>
    /// <exception cref="ArgumentException">The id is not a run's (<c>mmm-{dataset}-{hash}</c>).</exception>
    public static string RequestBlobName(string runInstanceId, string name)
    {
        if (!InstanceIds.TryRunDataset(runInstanceId, out var dataset))
            throw new ArgumentException($"'{runInstanceId}' is not a run's instance id (mmm-{{dataset}}-{{hash}})", nameof(runInstanceId));
        return $"{dataset}/{runInstanceId}/{Folder}/{name}{Extension}";
    }

    /// <summary>The plan's instance id and input for the request blob <paramref name="blobName"/> (not escaped) with <paramref name="etag"/>
    /// (any spelling) in the output container at <paramref name="outputContainerUri"/>.</summary>
    public static (string InstanceId, PlanInput Input) For(string outputContainerUri, string blobName, string etag)
    {
        if (!IsRequest(blobName)) throw new ArgumentException($"'{blobName}' is not a plan request ({{dataset}}/{{run id}}/plans/{{name}}.json)", nameof(blobName));
        etag = BlobEtag.Canonical(etag);
        var output = outputContainerUri.TrimEnd('/');
        var id = InstanceIds.ForPlan(RunInputs.ContainerName(output), blobName, etag);
        var parts = blobName.Split('/');
        var runPrefix = $"{output}/{RunInputs.Escape(parts[0])}/{RunInputs.Escape(parts[1])}";
        var name = parts[3][..^Extension.Length];
        return (id, new PlanInput(name, runPrefix, $"{output}/{RunInputs.Escape(blobName)}", etag, $"{runPrefix}/{Folder}/{id}"));
    }
}
