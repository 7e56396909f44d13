using Azure.Storage.Blobs.Models;
using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Tests.Engine;
using Mmm.LocalHost.Tests.Support;
using Mmm.LocalHost.Watcher;
using Mmm.Workflow.Orchestration;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Watcher;

/// <summary>
/// The blob watcher on the real engine: one uploaded blob version seen by two hosts at once (two watchers, two
/// engine workers on one hub) and again by a later scan that has lost its receipts is one instance and one run.
/// </summary>
public sealed class BlobWatcherOnEngineTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task One_blob_version_seen_by_two_hosts_and_by_a_rescan_without_receipts_is_one_run()
    {
        var hub = AzuriteFixture.NewHub();
        var container = AzuriteFixture.Unique("seen-");
        var fakes = new FakeActivities();
        await using var first = await azurite.StartEngineAsync(hub, fakes.Bindings, output);
        await using var second = await azurite.StartEngineAsync(hub, fakes.Bindings, output);
        var starts = new RunStarter(azurite.Blobs, container, "mmm-output", "mmm-work");
        BlobWatcher Watcher(MmmEngine engine) => new(azurite.Blobs, azurite.Queues, engine.Client, starts,
            new BlobWatcherOptions { InputContainer = container, HubName = hub });

        var input = azurite.Blobs.GetBlobContainerClient(container);
        await input.CreateIfNotExistsAsync();
        var uploaded = await input.GetBlobClient("seen.parquet").UploadAsync(BinaryData.FromString("PAR1 the fakes do not read it PAR1"));
        var id = starts.Plan("seen.parquet", uploaded.Value.ETag.ToString()).InstanceId;

        var scans = await Task.WhenAll(Watcher(first).ScanOnceAsync(), Watcher(second).ScanOnceAsync());
        Assert.Equal(2, scans.Sum(s => s.Started + s.AlreadyRunning)); // each host saw the blob once
        Assert.Equal(RuntimeStatus.Completed, (await Wait.ForFinishedAsync(first.Client, id)).RuntimeStatus);

        // A host that lost its receipts (or never had them) scans again after the run finished: nothing starts.
        var hosts = azurite.Blobs.GetBlobContainerClient(BlobReceipts.HostsContainer);
        await foreach (var receipt in hosts.GetBlobsAsync(new GetBlobsOptions { Prefix = $"blobreceipts/{hub}/" }))
            await hosts.DeleteBlobAsync(receipt.Name);
        Assert.Equal(new ScanResult(0, 1, 0, 0), await Watcher(second).ScanOnceAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));

        var state = (await second.Client.GetAsync(id, showHistory: true))!;
        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Single(state.HistoryEvents!, e => (string?)e["EventType"] == "ExecutionStarted");
        Assert.Equal(1, fakes.RunsOf(ActivityNames.ValidateAndScale));
        Assert.Equal(1, fakes.RunsOf(ActivityNames.CommitOutputs));
        var listed = await first.Client.ListAsync(new InstanceQuery(InstanceIdPrefix: InstanceIds.Prefix("seen")));
        Assert.Equal(id, Assert.Single(listed.Instances).InstanceId);
    }
}
