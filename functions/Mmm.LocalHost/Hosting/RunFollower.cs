using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Hosting;

/// <summary>
/// How a followed run ended: its instance, final state, where its outputs were downloaded, and timings: from
/// the upload to the instance existing and to its first episode (Running), the
/// whole run including the download, and the orchestration's own breakdown.
/// </summary>
public sealed record FollowedRun(string InstanceId, InstanceState State, string? OutputDirectory, TimeSpan UploadToStart, TimeSpan UploadToRunning,
    TimeSpan Total, OrchestrationTimings Timings);

/// <summary>
/// What `run` and `demo` do against a local pipeline: upload the run config (if any) and the panel into the
/// input container and start its run (the shared <see cref="RunStarter"/>; the blob watcher, seeing the blob,
/// starts nothing more), follow its customStatus with a progress line, and download the output folder when it completes.
/// </summary>
public static class RunFollower
{
    public static async Task<FollowedRun> UploadAndFollowAsync(LocalPipeline pipeline, Stream panel, string blobName, string? configJson,
        string? outputDirectory, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var planned = await pipeline.Starts.UploadAndStartAsync(new EngineStarter(pipeline.Client), blobName, panel, configJson, ct);
        Console.Error.WriteLine($"uploaded {pipeline.Starts.Input.Name}/{blobName}; instance {planned.InstanceId}");
        Console.Error.WriteLine($"status: {pipeline.BaseUrl}/runtime/webhooks/durabletask/instances/{planned.InstanceId}");

        InstanceState? state;
        while ((state = await pipeline.Client.GetAsync(planned.InstanceId, showInput: false, ct: ct)) is null)
            await Task.Delay(50, ct);
        var uploadToStart = clock.Elapsed;
        TimeSpan? uploadToRunning = null;
        var line = new StatusLine();
        while (state.RuntimeStatus is RuntimeStatus.Pending or RuntimeStatus.Running or RuntimeStatus.Suspended)
        {
            if (uploadToRunning is null && state.RuntimeStatus != RuntimeStatus.Pending) uploadToRunning = clock.Elapsed;
            line.Show(state);
            await Task.Delay(uploadToRunning is null ? 50 : 500, ct);
            state = await pipeline.Client.GetAsync(planned.InstanceId, showInput: false, ct: ct) ?? state;
        }
        line.Show(state);
        line.Finish();

        string? downloaded = null;
        if (state.RuntimeStatus == RuntimeStatus.Completed && outputDirectory is not null)
        {
            downloaded = Path.GetFullPath(outputDirectory);
            await DownloadFolderAsync(pipeline.Blobs, planned.Input.OutputPrefix, downloaded, ct);
        }
        return new FollowedRun(planned.InstanceId, state, downloaded, uploadToStart, uploadToRunning ?? clock.Elapsed, clock.Elapsed,
            OrchestrationTimings.From(state, pipeline.Engine.Journal.For(planned.InstanceId)));
    }

    /// <summary>Copies every blob under a folder URI into a local directory, subfolders (a run's plans/) included.</summary>
    public static async Task DownloadFolderAsync(BlobServiceClient blobs, string folderUri, string directory, CancellationToken ct)
    {
        var store = new Workflow.Storage.BlobRunStore(blobs);
        var (container, prefix) = store.Locate(folderUri.TrimEnd('/') + "/");
        Directory.CreateDirectory(directory);
        var client = blobs.GetBlobContainerClient(container);
        await foreach (var item in client.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, ct))
        {
            var local = Path.Combine(directory, item.Name[prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            await client.GetBlobClient(item.Name).DownloadToAsync(local, ct);
        }
    }

    /// <summary>The failure message of a failed instance (its status output).</summary>
    public static string FailureMessage(InstanceState state) => state.Output switch
    {
        null => "(no message)",
        var node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        var node => node.ToJsonString(),
    };
}
