using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Api;
using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Settings;
using Mmm.LocalHost.Storage;
using Mmm.LocalHost.Watcher;
using Mmm.Science.Training;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;
using Mmm.Workflow.Storage;

namespace Mmm.LocalHost.Hosting;

/// <summary>
/// The local host, composed: storage (Azurite started from the pinned npm package when the settings say
/// UseDevelopmentStorage=true and nothing listens yet), the engine (a DurableTask.Core worker on the Azure
/// Storage provider) running the training orchestration and its activities, the blob watcher on the input
/// container, and the management API. `serve` keeps it running; `run`, `demo` and the end-to-end tests start
/// one in process. Several of them on one storage account and hub share the hub's work.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly AzuriteProcess? azurite;
    private readonly ComputeThreads compute;
    private readonly BlobWatcher? watcher;
    private readonly WebApplication api;

    public MmmSettings Settings { get; }
    public MmmEngine Engine { get; }
    public IOrchestrationClient Client => Engine.Client;
    public BlobServiceClient Blobs { get; }
    /// <summary>Runs of this host's containers: the watcher's plans, upload-and-start (the HTTP starter, `run`, `demo`).</summary>
    public RunStarter Starts { get; }
    /// <summary>The management API's base address, e.g. http://127.0.0.1:7071.</summary>
    public string BaseUrl { get; }

    private LocalPipeline(MmmSettings settings, AzuriteProcess? azurite, ComputeThreads compute, MmmEngine engine, BlobWatcher? watcher,
        WebApplication api, BlobServiceClient blobs, RunStarter starts, string baseUrl)
    {
        (Settings, this.azurite, this.compute, Engine, this.watcher, this.api, Blobs, Starts, BaseUrl) =
            (settings, azurite, compute, engine, watcher, api, blobs, starts, baseUrl);
    }

    /// <param name="url">Where the API listens; port 0 picks a free one.</param>
    /// <param name="watch">Scan the input container (false: runs start only through the API or the client).</param>
    public static async Task<LocalPipeline> StartAsync(MmmSettings settings, ILoggerFactory logging, string url = LocalWebHost.DefaultUrl,
        bool watch = true, CancellationToken ct = default)
    {
        var log = logging.CreateLogger<LocalPipeline>();
        var configured = StorageConnection.Of(settings);
        AzuriteProcess? azurite = null;
        if (StorageConnection.IsDevelopmentStorage(configured) && !AzuriteProcess.IsListening(StorageConnection.DevelopmentBlobPort))
            azurite = await AzuriteProcess.StartAsync(Path.Combine(RepositoryRoot.Find(), ".azurite"),
                StorageConnection.DevelopmentBlobPort, StorageConnection.DevelopmentQueuePort, StorageConnection.DevelopmentTablePort,
                line => log.LogInformation("{Line}", line), ct);

        var connection = StorageConnection.Expand(configured);
        var blobs = new BlobServiceClient(connection);
        foreach (var container in new[] { settings.InputContainer, settings.OutputContainer, settings.WorkContainer })
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: ct);

        var compute = new ComputeThreads(settings.MaxConcurrentActivityFunctions);
        var activities = new MmmActivities(new BlobRunStore(blobs), logging, settings.TrainingDevice, compute);
        var engine = await MmmEngine.StartAsync(settings, connection, ActivityCatalog.For(activities), logging, ct);

        var starts = new RunStarter(blobs, settings.InputContainer, settings.OutputContainer, settings.WorkContainer);
        BlobWatcher? watcher = null;
        if (watch)
        {
            watcher = new BlobWatcher(blobs, new QueueServiceClient(connection), engine.Client, starts, BlobWatcherOptions.From(settings),
                logging.CreateLogger<BlobWatcher>());
            await watcher.StartAsync(ct);
        }

        var api = LocalWebHost.Build(new ManagementApiOptions
        {
            Client = engine.Client,
            ApiKey = settings.ApiKey,
            HubName = settings.HubName,
            Runs = new RunUploads(starts, engine.Client, logging.CreateLogger<RunUploads>()),
        }, url, b => b.Logging.ClearProviders());
        await api.StartAsync(ct);
        var baseUrl = LocalWebHost.Addresses(api)[0].TrimEnd('/');
        log.LogInformation("Local host ready: management API {Url}/runtime/webhooks/durabletask, task hub {Hub}, worker {WorkerId}, watching {Container}",
            baseUrl, settings.HubName, engine.WorkerId, watch ? settings.InputContainer : "(off)");
        return new LocalPipeline(settings, azurite, compute, engine, watcher, api, blobs, starts, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await api.StopAsync();
        await api.DisposeAsync();
        if (watcher is not null) await watcher.StopAsync(CancellationToken.None);
        await Engine.DisposeAsync();
        compute.Dispose();
        if (azurite is not null) await azurite.DisposeAsync();
    }
}
