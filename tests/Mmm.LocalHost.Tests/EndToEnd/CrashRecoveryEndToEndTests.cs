using System.Diagnostics;
using Azure.Storage.Blobs;
using Mmm.LocalHost.Tests.Support;
using Mmm.Workflow.Orchestration;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>
/// Kills the real host process (`mmm serve`, SIGKILL) in the middle of a training activity and starts it again:
/// the instance was Running when the process died, the run completes, and across both processes every activity
/// ran once except, at most, the one in flight.
/// </summary>
public class CrashRecoveryEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>Enough blocks (40 of 10 epochs) to be killed in the middle of training.</summary>
    // No posterior ensemble: its refits run next to the training blocks, and these tests follow the one chain of blocks the kill interrupts.
    public const string LongConfig = """{"hidden": 32, "epochs": 400, "warmStartEpochs": 2, "notearsWarmupEpochs": 100, "notearsDualUpdateEvery": 10, "device": "cpu", "earlyStopping": false, "ensembleMembers": 0}""";

    /// <summary>Uploads a panel into the container; returns the contract instance id.</summary>
    public static async Task<string> UploadAsync(BlobServiceClient blobs, string container, string blobName, byte[] parquet)
    {
        var input = blobs.GetBlobContainerClient(container);
        await input.CreateIfNotExistsAsync();
        var uploaded = await input.GetBlobClient(blobName).UploadAsync(new BinaryData(parquet), overwrite: true);
        return RunInputs.For(input.Uri.ToString(), blobs.GetBlobContainerClient("mmm-output").Uri.ToString(),
            blobs.GetBlobContainerClient("mmm-work").Uri.ToString(), blobName, uploaded.Value.ETag.ToString()).InstanceId;
    }

    [Fact]
    public async Task A_killed_host_resumes_the_run_and_repeats_at_most_the_activity_in_flight()
    {
        var hub = AzuriteFixture.NewHub();
        var container = AzuriteFixture.Unique("crash-");
        var id = await UploadAsync(azurite.Blobs, container, "crash.parquet",
            await TestPanels.ParquetAsync(TestPanels.Synthetic(regions: 4, weeks: 80), LongConfig));

        await using var first = HostProcess.Start(azurite, hub, container, "first", output);
        var atKill = await first.WaitAsync(id, s => s["customStatus"]?["outerIteration"]?.GetValue<int>() >= 3 && first.InFlight().Count > 0,
            "the third outer iteration with an activity in flight", TimeSpan.FromMinutes(3));
        await first.KillAsync();
        var killedAt = DateTime.UtcNow;
        var inFlight = Assert.Single(first.InFlight());
        Assert.Equal("Running", (string?)atKill["runtimeStatus"]);
        output.WriteLine($"killed the host at outer iteration {atKill["customStatus"]!["outerIteration"]} with {inFlight.Name} task {inFlight.TaskId} in flight");

        await using var second = HostProcess.Start(azurite, hub, container, "second", output);
        var final = await second.WaitAsync(id, HostProcess.IsFinished, "a finished run", TimeSpan.FromMinutes(5));
        Assert.Equal("Completed", (string?)final["runtimeStatus"]);

        var rerun = second.Started.First(a => a.InstanceId == id);
        output.WriteLine($"recovery: {(rerun.SeenAt - killedAt).TotalSeconds:F1} s from the kill to {rerun.Name} task {rerun.TaskId} starting again on the new host");
        var starts = first.Started.Concat(second.Started).Where(a => a.InstanceId == id).GroupBy(a => a.TaskId).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("activity starts per task: " + string.Join(", ", starts.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}")));
        Assert.Equal(Enumerable.Range(0, starts.Count), starts.Keys.Order());
        Assert.True(starts.Count >= 44, $"expected every training block to run, saw {starts.Count} tasks");
        Assert.All(starts.Where(s => s.Key != inFlight.TaskId), s => Assert.Equal(1, s.Value));
        // The task in flight ran again unless it had just finished when the process died (its log line lost with it).
        Assert.InRange(starts[inFlight.TaskId], 1, 2);
        Assert.Equal(starts[inFlight.TaskId] == 2 ? inFlight.TaskId : inFlight.TaskId + 1, rerun.TaskId);
    }
}
