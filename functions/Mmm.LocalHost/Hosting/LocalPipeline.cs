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
/// Storage provider) running the training and planning orchestrations and their activities, the blob watchers on the input
/// container (runs) and the output container (plan requests), and the management API. `serve` keeps it running; `run`, `demo` and the end-to-end tests start
/// one in process. Several of them on one storage account and hub share the hub's work.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly AzuriteProcess? azurite;
    private readonly ComputeThreads compute;
    private readonly BlobWatcher? watcher;
    private readonly BlobWatcher? planWatcher;
    private readonly WebApplication api;

    public MmmSettings Settings { get; }
    public MmmEngine Engine { get; }
    public IOrchestrationClient Client => Engine.Client;
    public BlobServiceClient Blobs { get; }
    /// <summary>Runs of this host's containers: the watcher's plans, upload-and-start (the HTTP starter, `run`, `demo`).</summary>
    public RunStarter Starts { get; }
    /// <summary>Plans of finished runs: the plan watcher's starts, the HTTP plan route.</summary>
    public PlanStarter Plans { get; }
    /// <summary>The management API's base address, e.g. http://127.0.0.1:7071.</summary>
    public string BaseUrl { get; }

    private LocalPipeline(MmmSettings settings, AzuriteProcess? azurite, ComputeThreads compute, MmmEngine engine,
        (BlobWatcher? Runs, BlobWatcher? Plans) watchers, WebApplication api, BlobServiceClient blobs, RunStarter starts, PlanStarter plans,
        string baseUrl)
    {
        (Settings, this.azurite, this.compute, Engine, watcher, planWatcher, this.api, Blobs, Starts, Plans, BaseUrl) =
            (settings, azurite, compute, engine, watchers.Runs, watchers.Plans, api, blobs, starts, plans, baseUrl);
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
        var planning = new PlanActivities(new BlobRunStore(blobs), logging, compute);
        var engine = await MmmEngine.StartAsync(settings, connection, ActivityCatalog.For(activities, planning), logging, ct);

        var starts = new RunStarter(blobs, settings.InputContainer, settings.OutputContainer, settings.WorkContainer);
        var plans = new PlanStarter(blobs, settings.OutputContainer);
        BlobWatcher? watcher = null, planWatcher = null;
        if (watch)
        {
            var queues = new QueueServiceClient(connection);
            watcher = new BlobWatcher(blobs, queues, engine.Client, starts, BlobWatcherOptions.From(settings), logging.CreateLogger<BlobWatcher>());
            planWatcher = new BlobWatcher(blobs, queues, engine.Client, plans, BlobWatcherOptions.ForPlans(settings), logging.CreateLogger<BlobWatcher>());
            await watcher.StartAsync(ct);
            await planWatcher.StartAsync(ct);
        }

        var api = LocalWebHost.Build(new ManagementApiOptions
        {
            Client = engine.Client,
            ApiKey = settings.ApiKey,
            HubName = settings.HubName,
            Runs = new RunUploads(starts, engine.Client, logging.CreateLogger<RunUploads>()),
            Plans = new PlanRequests(plans, engine.Client, logging.CreateLogger<PlanRequests>()),
        }, url, b => b.Logging.ClearProviders());
        await api.StartAsync(ct);
        var baseUrl = LocalWebHost.Addresses(api)[0].TrimEnd('/');
        log.LogInformation("Local host ready: management API {Url}/runtime/webhooks/durabletask, task hub {Hub}, worker {WorkerId}, watching {Container}",
            baseUrl, settings.HubName, engine.WorkerId, watch ? $"{settings.InputContainer} (runs), {settings.OutputContainer} (plan requests)" : "(off)");
        return new LocalPipeline(settings, azurite, compute, engine, (watcher, planWatcher), api, blobs, starts, plans, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await api.StopAsync();
        await api.DisposeAsync();
        if (watcher is not null) await watcher.StopAsync(CancellationToken.None);
        if (planWatcher is not null) await planWatcher.StopAsync(CancellationToken.None);
        await Engine.DisposeAsync();
        compute.Dispose();
        if (azurite is not null) await azurite.DisposeAsync();
    }
}
