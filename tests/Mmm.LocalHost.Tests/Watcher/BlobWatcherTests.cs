using Mmm.LocalHost.Tests.Support;
using System.Text;
using Azure.Storage.Blobs;
using Mmm.LocalHost.Tests.Api;
using Mmm.LocalHost.Watcher;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Tests.Watcher;

[Collection(AzuriteCollection.Name)]
public class BlobWatcherTests(AzuriteFixture azurite)
{
    private readonly string input = AzuriteFixture.Unique("in-");
    private readonly string hub = AzuriteFixture.Unique("hub");
    private readonly RecordingOrchestrationClient client = new();

    private BlobWatcher NewWatcher(int threshold = 5) => new(azurite.Blobs, azurite.Queues, client,
        new RunStarter(azurite.Blobs, input, "mmm-output", "mmm-work"),
        new BlobWatcherOptions { InputContainer = input, HubName = hub, PoisonBlobThreshold = threshold, ScanInterval = TimeSpan.FromMilliseconds(100) });

    private BlobContainerClient Container => azurite.Blobs.GetBlobContainerClient(input);

    private async Task<string> UploadAsync(string name, string content = "PAR1 not really parquet PAR1")
    {
        await Container.CreateIfNotExistsAsync();
        var info = await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true);
        return BlobEtag.Canonical(info.Value.ETag);
    }

    [Fact]
    public async Task A_new_blob_starts_one_orchestration_with_the_contract_id_and_writes_a_receipt()
    {
        var etag = await UploadAsync("Sales Panel.parquet");
        var result = await NewWatcher().ScanOnceAsync();

        Assert.Equal(new ScanResult(1, 0, 0, 0), result);
        var start = Assert.Single(client.Starts);
        Assert.Equal(MmmOrchestrator.Name, start.OrchestratorName);
        Assert.Equal(InstanceIds.For(input, "Sales Panel.parquet", etag), start.InstanceId);
        Assert.StartsWith("mmm-sales-panel-", start.InstanceId);

        var receipt = azurite.Blobs.GetBlobContainerClient("azure-webjobs-hosts")
            .GetBlobClient($"blobreceipts/{hub}/Mmm.BlobStarter/{etag.Trim('"')}/{input}/Sales Panel.parquet");
        Assert.True((await receipt.ExistsAsync()).Value);
    }

    [Fact]
    public async Task The_run_input_names_the_blob_config_output_and_work_prefixes()
    {
        var etag = await UploadAsync("folder/Weekly_KPI.parquet");
        await NewWatcher().ScanOnceAsync();

        var start = Assert.Single(client.Starts);
        var run = Assert.IsType<RunInput>(start.Input);
        var id = start.InstanceId;
        var account = azurite.Blobs.Uri.ToString().TrimEnd('/');
        Assert.Equal("weekly-kpi", run.Dataset);
        Assert.Equal($"{account}/{input}/folder/Weekly_KPI.parquet", run.InputUri);
        Assert.Equal(etag, run.InputEtag);
        // The run config sits next to the data under the same stem: folder/Weekly_KPI.json.
        Assert.Equal($"{account}/{input}/folder/Weekly_KPI.json", run.ConfigUri);
        Assert.Equal($"{account}/mmm-output/weekly-kpi/{id}", run.OutputPrefix);
        Assert.Equal($"{account}/mmm-work/weekly-kpi/{id}", run.WorkPrefix);
        Assert.Equal(InstanceIds.For(input, "folder/Weekly_KPI.parquet", etag), id);
    }

    [Fact]
    public async Task A_rescan_and_a_restarted_watcher_start_nothing_new()
    {
        await UploadAsync("a.parquet");
        var watcher = NewWatcher();
        Assert.Equal(1, (await watcher.ScanOnceAsync()).Started);
        Assert.Equal(ScanResult.Empty, await watcher.ScanOnceAsync());
        Assert.Equal(ScanResult.Empty, await NewWatcher().ScanOnceAsync());
        Assert.Single(client.Starts);
    }

    [Fact]
    public async Task Overwriting_the_blob_starts_a_new_instance()
    {
        var first = await UploadAsync("b.parquet", "version 1");
        var watcher = NewWatcher();
        await watcher.ScanOnceAsync();
        var second = await UploadAsync("b.parquet", "version 2");
        Assert.NotEqual(first, second);
        Assert.Equal(1, (await watcher.ScanOnceAsync()).Started);

        Assert.Equal([InstanceIds.For(input, "b.parquet", first), InstanceIds.For(input, "b.parquet", second)],
            client.Starts.Select(s => s.InstanceId));
        Assert.Equal(2, client.Created);
    }

    [Fact]
    public async Task Config_and_other_blobs_are_never_started()
    {
        await UploadAsync("x.json", "{}");
        await UploadAsync("notes.txt", "hello");
        Assert.Equal(ScanResult.Empty, await NewWatcher().ScanOnceAsync());
        Assert.Empty(client.Starts);
    }

    [Fact]
    public async Task An_existing_instance_gets_a_receipt_and_no_second_start()
    {
        var etag = await UploadAsync("c.parquet");
        var plan = new RunStarter(azurite.Blobs, input, "mmm-output", "mmm-work").Plan("c.parquet", etag);
        await client.StartAsync(MmmOrchestrator.Name, plan.InstanceId, plan.Input); // e.g. the HTTP starter got there first
        var watcher = NewWatcher();
        Assert.Equal(new ScanResult(0, 1, 0, 0), await watcher.ScanOnceAsync());
        Assert.Equal(ScanResult.Empty, await watcher.ScanOnceAsync());
        Assert.Equal(1, client.Created);
    }

    [Fact]
    public async Task Failed_starts_go_to_the_poison_queue_after_the_threshold_and_stop()
    {
        var etag = await UploadAsync("poison.parquet");
        client.ThrowOnStart = new InvalidOperationException("executor down");

        Assert.Equal(new ScanResult(0, 0, 1, 0), await NewWatcher(threshold: 3).ScanOnceAsync());
        Assert.Equal(new ScanResult(0, 0, 1, 0), await NewWatcher(threshold: 3).ScanOnceAsync()); // the count survives a restart
        Assert.Equal(new ScanResult(0, 0, 0, 1), await NewWatcher(threshold: 3).ScanOnceAsync());
        Assert.Equal(ScanResult.Empty, await NewWatcher(threshold: 3).ScanOnceAsync());
        client.ThrowOnStart = null;
        Assert.Equal(ScanResult.Empty, await NewWatcher(threshold: 3).ScanOnceAsync());
        Assert.Equal(3, client.Starts.Count);

        var queue = azurite.Queues.GetQueueClient(PoisonBlobQueue.QueueName);
        var messages = (await queue.PeekMessagesAsync(32)).Value
            .Select(m => Decode(m.MessageText)!)
            .Where(m => m.ContainerName == input)
            .ToList();
        var message = Assert.Single(messages);
        Assert.Equal(new PoisonBlobMessage("Mmm.BlobStarter", "BlockBlob", input, "poison.parquet", etag), message);

        var raw = Encoding.UTF8.GetString(Convert.FromBase64String((await queue.PeekMessagesAsync(32)).Value
            .First(m => Decode(m.MessageText)!.ContainerName == input).MessageText));
        Assert.Contains("\"FunctionId\":\"Mmm.BlobStarter\"", raw);
        Assert.Contains("\"ETag\":", raw);
    }

    [Fact]
    public async Task The_hosted_loop_picks_up_new_blobs()
    {
        await UploadAsync("loop.parquet");
        using var watcher = NewWatcher();
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (client.Starts.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
            await UploadAsync("loop2.parquet");
            while (client.Starts.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
        Assert.Equal(2, client.Created);
        Assert.Equal(2, client.Starts.Count);
    }

    /// <summary>A message text as the Functions queue trigger reads it: Base64 of the JSON.</summary>
    private static PoisonBlobMessage? Decode(string text) =>
        System.Text.Json.JsonSerializer.Deserialize<PoisonBlobMessage>(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
}
