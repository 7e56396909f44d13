using Mmm.LocalHost.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mmm.LocalHost.Api;
using Mmm.LocalHost.Tests.Watcher;
using Mmm.LocalHost.Watcher;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Tests.Api;

/// <summary>The HTTP starter against a real Azurite: upload, contract id, idempotence with the watcher.</summary>
[Collection(AzuriteCollection.Name)]
public class RunUploadTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string input = AzuriteFixture.Unique("in-");
    private readonly RecordingOrchestrationClient client = new();
    private RunStarter starts = null!;
    private ApiHost host = null!;

    public async Task InitializeAsync()
    {
        starts = new RunStarter(azurite.Blobs, input, "mmm-output", "mmm-work");
        host = await ApiHost.StartAsync(new ManagementApiOptions
        {
            Client = client,
            Runs = new RunUploads(starts, client),
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static byte[] Panel() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "pymc-example.parquet"));

    private Task<HttpResponseMessage> PostAsync(string dataset, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return host.Http.PostAsync($"/api/runs?dataset={Uri.EscapeDataString(dataset)}", content);
    }

    [Fact]
    public async Task Upload_stores_the_blob_and_starts_the_contract_instance()
    {
        var bytes = Panel();
        var response = await PostAsync("pymc-example", bytes);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = (string)body["id"]!;
        Assert.Equal(new Uri((string)body["statusQueryGetUri"]!), response.Headers.Location);
        Assert.NotNull(response.Headers.RetryAfter);

        var blob = azurite.Blobs.GetBlobContainerClient(input).GetBlobClient("pymc-example.parquet");
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(bytes.Length, properties.ContentLength);
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(InstanceIds.For(input, "pymc-example.parquet", BlobEtag.Canonical(properties.ETag)), id);

        var start = Assert.Single(client.Starts);
        Assert.Equal(MmmOrchestrator.Name, start.OrchestratorName);
        Assert.Equal(id, start.InstanceId);
        Assert.Equal(starts.Plan("pymc-example.parquet", properties.ETag.ToString()).Input, Assert.IsType<RunInput>(start.Input));

        var status = await host.Http.GetAsync($"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        Assert.Equal(id, (string?)JsonNode.Parse(await status.Content.ReadAsStringAsync())!["instanceId"]);
    }

    [Fact]
    public async Task The_watcher_agrees_and_starts_nothing_new()
    {
        var response = await PostAsync("sales.parquet", Panel()); // the extension is optional
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var watcher = new BlobWatcher(azurite.Blobs, azurite.Queues, client, starts,
            new BlobWatcherOptions { InputContainer = input, HubName = AzuriteFixture.Unique("hub") });
        Assert.Equal(new ScanResult(0, 1, 0, 0), await watcher.ScanOnceAsync());
        Assert.Equal(1, client.Created);
    }

    [Fact]
    public async Task Uploading_again_is_a_new_run()
    {
        var first = JsonNode.Parse(await (await PostAsync("again", Panel())).Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var second = JsonNode.Parse(await (await PostAsync("again", Panel())).Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        Assert.StartsWith(InstanceIds.Prefix("again"), second);
        Assert.Equal(2, client.Created);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public async Task Bad_dataset_names_are_400_with_the_rule(string dataset)
    {
        var response = await PostAsync(dataset, Panel());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!;
        Assert.Contains($"dataset name '{dataset}' is not usable", body);
        Assert.Contains(DatasetNames.Rule, body);
        Assert.Empty(client.Starts);
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("empty", [])).StatusCode);
        Assert.Empty(client.Starts);
    }
}
