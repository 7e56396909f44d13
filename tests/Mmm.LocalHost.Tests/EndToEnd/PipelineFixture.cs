using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.LocalHost.Hosting;
using Mmm.Workflow.Settings;
using Mmm.LocalHost.Tests.Support;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>A real Azurite and a local pipeline (engine, watcher, management API on a free port) for a test class.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    public LocalPipeline Pipeline { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public MmmSettings Settings { get; private set; } = null!;
    public BlobContainerClient Input => Pipeline.Blobs.GetBlobContainerClient(Settings.InputContainer);

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Settings = new MmmSettings
        {
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250),
            StorageConnectionString = azurite.ConnectionString,
            HubName = "e2e",
            ScanInterval = TimeSpan.FromMilliseconds(300),
            MaxConcurrentActivityFunctions = 2,
        };
        Pipeline = await LocalPipeline.StartAsync(Settings, NullLoggerFactory.Instance, "http://127.0.0.1:0");
        Http = new HttpClient { BaseAddress = new Uri(Pipeline.BaseUrl + "/") };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Pipeline.DisposeAsync();
        await azurite.DisposeAsync();
    }

    /// <summary>Uploads a panel to the input container; returns the instance id the contract derives from its ETag.</summary>
    public async Task<(string InstanceId, string Etag)> UploadAsync(string blobName, byte[] parquet)
    {
        var uploaded = await Input.GetBlobClient(blobName).UploadAsync(new BinaryData(parquet), overwrite: true);
        var etag = uploaded.Value.ETag.ToString();
        return (Pipeline.Starts.Plan(blobName, etag).InstanceId, etag);
    }

    public static string StatusPath(string instanceId) => $"runtime/webhooks/durabletask/instances/{instanceId}";

    /// <summary>Polls the management API until the running instance's customStatus phase is one of <paramref name="phases"/>; returns that body.</summary>
    public async Task<JsonObject> WaitForPhaseAsync(string instanceId, params string[] phases)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var body = await StatusAsync(instanceId);
            if (body?["customStatus"]?["phase"]?.GetValue<string>() is { } phase && phases.Contains(phase)) return body;
            if (body?["runtimeStatus"]?.GetValue<string>() is "Completed" or "Failed" or "Terminated")
                throw new InvalidOperationException($"{instanceId} finished before reaching {string.Join(" or ", phases)}: {body.ToJsonString()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{instanceId} did not reach {string.Join(" or ", phases)}");
            await Task.Delay(50);
        }
    }

    /// <summary>The instance's status body, or null while it does not exist yet.</summary>
    public async Task<JsonObject?> StatusAsync(string instanceId)
    {
        var response = await Http.GetAsync(StatusPath(instanceId));
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonObject>();
    }

    /// <summary>Polls the management API until the instance is finished; returns the HTTP codes seen and the last body.</summary>
    public async Task<(List<int> Codes, JsonObject Body)> WaitAsync(string instanceId, TimeSpan? timeout = null)
    {
        var codes = new List<int>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var response = await Http.GetAsync(StatusPath(instanceId));
            codes.Add((int)response.StatusCode);
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
                return (codes, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{instanceId} did not finish; last HTTP {(int)response.StatusCode}");
            await Task.Delay(100);
        }
    }
}
