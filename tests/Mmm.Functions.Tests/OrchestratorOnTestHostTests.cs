using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Mmm.Functions.Tests.Support;
using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Storage;
using Mmm.LocalHost.Tests.EndToEnd;
using Mmm.LocalHost.Tests.Support;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;
using Mmm.Workflow.Storage;
using Xunit.Abstractions;
using RuntimeStatus = Mmm.LocalHost.Engine.RuntimeStatus;

namespace Mmm.Functions.Tests;

/// <summary>
/// The Functions app's orchestrator function, through its adapter onto the real TaskOrchestrationContext, under
/// DurableTaskTestHost (the Durable Task SDK worker and client the extension uses), calling the app's activity
/// functions, which train on a small panel in Azurite; then the same panel through the local host's engine: both
/// hosts' customStatus and output JSON have the same keys.
/// </summary>
public sealed class OrchestratorOnTestHostTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private async Task<string> UploadAsync(BlobContainerClient container, string blobName, byte[] parquet)
    {
        await container.CreateIfNotExistsAsync();
        return (await container.GetBlobClient(blobName).UploadAsync(new BinaryData(parquet), overwrite: true)).Value.ETag.ToString();
    }

    [Fact]
    public async Task The_orchestrator_function_trains_a_small_panel_to_completed_and_both_hosts_write_the_same_json()
    {
        var container = AzuriteFixture.Unique("fn-");
        using var app = FunctionsAppHost.Build(new Dictionary<string, string?>
        {
            [MmmSettings.StorageSetting] = azurite.ConnectionString,
            [MmmSettings.InputContainerSetting] = container,
        });
        var locations = app.Services.GetRequiredService<RunLocations>();
        Assert.Equal(container, locations.Input.Name);
        var parquet = await TestPanels.ParquetAsync(TestPanels.Synthetic(seed: 3));
        var (id, input) = locations.For("fn-azure.parquet", await UploadAsync(locations.Input, "fn-azure.parquet", parquet));

        var converter = app.DataConverter();
        await using var host = await DurableTaskTestHost.StartAsync(registry => FunctionTasks.Register(registry, app.Services), new DurableTaskTestHostOptions
        {
            Port = AzuriteProcess.FreePort(),
            LoggerFactory = TestLogging.Factory(output),
            ConfigureServices = services =>
            {
                services.Configure<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
                services.Configure<DurableTaskClientOptions>(o => o.DataConverter = converter);
            },
        });

        Assert.True(await RunLocations.StartAsync(host.Client, id, input, CancellationToken.None));
        var phases = new List<string>();
        OrchestrationMetadata? azure;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(50);
            azure = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (azure?.SerializedCustomStatus is { } s && (string?)JsonNode.Parse(s)!["phase"] is { } phase && !phases.Contains(phase)) phases.Add(phase);
        } while ((azure is null || !azure.IsCompleted) && DateTime.UtcNow < deadline);
        Assert.True(azure!.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"{azure.RuntimeStatus}: {azure.FailureDetails?.ErrorType}: {azure.FailureDetails?.ErrorMessage} {azure.SerializedOutput}");
        output.WriteLine($"phases seen: {string.Join(", ", phases)}");
        Assert.Contains(Phases.Training, phases);
        // The same blob version again is the same instance: the start is refused.
        Assert.False(await RunLocations.StartAsync(host.Client, id, input, CancellationToken.None));

        var runOutput = converter.Deserialize<RunOutput>(azure.SerializedOutput)!;
        Assert.Equal(input.OutputPrefix, runOutput.OutputUri);
        Assert.Equal(20, runOutput.Epochs);
        var store = app.Services.GetRequiredService<IRunStore>();
        Assert.True(await store.ExistsAsync($"{input.OutputPrefix}/_SUCCESS"));
        Assert.False(await store.ExistsAsync(Checkpoints.Initial(input)), "the work checkpoints are cleaned up");

        // The planner function on the same host: a request next to the finished run, planned from its model.json.
        var requestName = PlanInputs.RequestBlobName(id, "fn");
        var request = await locations.Plans.Output.GetBlobClient(requestName).UploadAsync(BinaryData.FromString("{}"), overwrite: true);
        var plan = await locations.Plans.StartAsync(new DurableClientStarter(host.Client), requestName, request.Value.ETag.ToString());
        Assert.True(plan.Started);
        using (var planWait = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            var planned = await host.Client.WaitForInstanceCompletionAsync(plan.InstanceId, getInputsAndOutputs: true, planWait.Token);
            Assert.True(planned.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
                $"{planned.RuntimeStatus}: {planned.FailureDetails?.ErrorMessage}");
            var planOutput = converter.Deserialize<PlanOutput>(planned.SerializedOutput)!;
            Assert.Equal(plan.Input.OutputPrefix, planOutput.OutputUri);
            Assert.True(await store.ExistsAsync($"{planOutput.OutputUri}/{Mmm.Science.Results.OutputTables.SuccessFile}"));
            Assert.True(await store.ExistsAsync($"{planOutput.OutputUri}/{Mmm.Science.Results.OutputTables.BudgetFile}"));
        }

        // The local host's engine on the same panel (its own blob, so its own output folder).
        var localEtag = await UploadAsync(locations.Input, "fn-local.parquet", parquet);
        var (localId, localInput) = locations.For("fn-local.parquet", localEtag);
        var logging = TestLogging.Factory(output);
        var localStore = new BlobRunStore(new BlobServiceClient(azurite.ConnectionString));
        await using var engine = await MmmEngine.StartAsync(new MmmSettings { HubName = AzuriteFixture.NewHub(), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250) },
            azurite.ConnectionString, ActivityCatalog.For(new MmmActivities(localStore, logging), new PlanActivities(localStore, logging)), logging);
        Assert.True(await engine.Client.StartAsync(MmmOrchestrator.Name, localId, localInput));
        var local = await Wait.ForFinishedAsync(engine.Client, localId);
        Assert.Equal(RuntimeStatus.Completed, local.RuntimeStatus);

        Assert.Equal(Keys(local.CustomStatus), Keys(JsonNode.Parse(azure.SerializedCustomStatus!)));
        Assert.Equal(Keys(local.Output), Keys(JsonNode.Parse(azure.SerializedOutput!)));
        Assert.Contains("phase", Keys(local.CustomStatus));
        Assert.Contains("outerIteration", Keys(local.CustomStatus));
        Assert.Contains("outputUri", Keys(local.Output));
        // Seeded training on CPU is deterministic: the two hosts trained the same model.
        Assert.Equal((double?)JsonNode.Parse(azure.SerializedOutput!)!["trainR2"], (double?)local.Output!["trainR2"]);
    }

    /// <summary>Every property path of a JSON value (the keys a script reads).</summary>
    private static SortedSet<string> Keys(JsonNode? node, string prefix = "")
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        if (node is JsonObject o)
            foreach (var (name, value) in o)
            {
                keys.Add(prefix + name);
                keys.UnionWith(Keys(value, prefix + name + "."));
            }
        return keys;
    }
}
