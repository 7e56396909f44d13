using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Api;

/// <summary>
/// The local HTTP starter's work: the shared upload-and-start (<see cref="RunStarter"/>: upload as <c>{dataset}.parquet</c>,
/// overwriting, so a new ETag is a new run; the contract instance id from container, name and the new ETag; the
/// orchestration started with the input the blob watcher would build, so the watcher, seeing the blob later,
/// starts nothing new) on the local engine, creating the input container on first use.
/// </summary>
public sealed class RunUploads(RunStarter runs, IOrchestrationClient client, ILogger<RunUploads>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<RunUploads>.Instance;
    private readonly EngineStarter starter = new(client);
    private bool ensured;

    public async Task<StartedRun> UploadAndStartAsync(string blobName, Stream content, CancellationToken ct = default)
    {
        if (!ensured)
        {
            await runs.Input.CreateIfNotExistsAsync(cancellationToken: ct);
            ensured = true;
        }
        var run = await runs.UploadAndStartAsync(starter, blobName, content, ct: ct);
        log.LogInformation("Uploaded {Container}/{BlobName} (ETag {ETag}); instance {InstanceId} {Outcome}",
            runs.Input.Name, blobName, run.ETag, run.InstanceId, run.Started ? "started" : "already existed");
        return run;
    }
}
