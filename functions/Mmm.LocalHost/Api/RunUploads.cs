using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Watcher;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Api;

/// <summary>The result of an upload: where the blob went and which instance trains on it.</summary>
public sealed record UploadedRun(string InstanceId, string BlobName, string ETag, bool Started, RunInput Input);

/// <summary>
/// The HTTP starter's work: uploads a Parquet body to the input container as <c>{dataset}.parquet</c> (overwriting:
/// a new ETag is a new run), derives the contract instance id from container, name and the new ETag, and starts
/// the orchestration with the same input the blob watcher would build (so the watcher, seeing the blob later,
/// starts nothing new).
/// </summary>
public sealed partial class RunUploads(BlobServiceClient blobs, string inputContainer, RunInputFactory factory, IOrchestrationClient client,
    ILogger<RunUploads>? logger = null, string orchestratorName = MmmOrchestrator.Name)
{
    private readonly ILogger log = logger ?? NullLogger<RunUploads>.Instance;
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(inputContainer);
    private bool ensured;

    /// <summary>The blob name for a dataset name, or null when the name is not usable (letters, digits, '-', '_', '.'; at most 200).</summary>
    public static string? BlobNameFor(string? dataset)
    {
        if (string.IsNullOrWhiteSpace(dataset)) return null;
        var name = dataset.Trim();
        if (name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) name = name[..^".parquet".Length];
        return name.Length is > 0 and <= 200 && DatasetName().IsMatch(name) ? name + ".parquet" : null;
    }

    public async Task<UploadedRun> UploadAndStartAsync(string blobName, Stream content, CancellationToken ct = default)
    {
        if (!ensured)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: ct);
            ensured = true;
        }
        var uploaded = await container.GetBlobClient(blobName).UploadAsync(content, overwrite: true, ct);
        var etag = BlobEtag.Canonical(uploaded.Value.ETag);
        var plan = factory.Create(container.Name, blobName, etag);
        bool started = await client.StartAsync(orchestratorName, plan.InstanceId, plan.Input, ct);
        log.LogInformation("Uploaded {Container}/{BlobName} (ETag {ETag}); instance {InstanceId} {Outcome}",
            container.Name, blobName, etag, plan.InstanceId, started ? "started" : "already existed");
        return new UploadedRun(plan.InstanceId, blobName, etag, started, plan.Input);
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex DatasetName();
}
