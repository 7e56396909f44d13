using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Api;
using Mmm.LocalHost.Durable;
using Mmm.LocalHost.Settings;
using Mmm.LocalHost.Storage;
using Mmm.LocalHost.Watcher;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.LocalHost.Hosting;

/// <summary>
/// The local host, composed: storage (Azurite started from the pinned npm package when the settings say
/// UseDevelopmentStorage=true and nothing listens yet), the durable executor running the training
/// orchestration and its activities, the blob watcher on the input container, and the management API on
/// 127.0.0.1. `serve` keeps it running; `run`, `demo` and the end-to-end tests start one in process.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly AzuriteProcess? azurite;
    private readonly DurableExecutor executor;
    private readonly BlobWatcher? watcher;
    private readonly WebApplication api;

    public HostSettings Settings { get; }
    public IOrchestrationClient Client => executor.Client;
    public BlobServiceClient Blobs { get; }
    public RunInputFactory Runs { get; }
    /// <summary>The management API's base address, e.g. http://127.0.0.1:7071.</summary>
    public string BaseUrl { get; }

    private LocalPipeline(HostSettings settings, AzuriteProcess? azurite, DurableExecutor executor, BlobWatcher? watcher, WebApplication api,
        BlobServiceClient blobs, RunInputFactory runs, string baseUrl)
    {
        (Settings, this.azurite, this.executor, this.watcher, this.api, Blobs, Runs, BaseUrl) =
            (settings, azurite, executor, watcher, api, blobs, runs, baseUrl);
    }

    /// <param name="url">Where the API listens; port 0 picks a free one.</param>
    /// <param name="watch">Scan the input container (false: runs start only through the API or the client).</param>
    public static async Task<LocalPipeline> StartAsync(HostSettings settings, ILoggerFactory logging, string url = LocalWebHost.DefaultUrl,
        bool watch = true, CancellationToken ct = default)
    {
        var log = logging.CreateLogger<LocalPipeline>();
        AzuriteProcess? azurite = null;
        if (settings.UsesDevelopmentStorage && !AzuriteProcess.IsListening(StorageConnection.DevelopmentBlobPort))
            azurite = await AzuriteProcess.StartAsync(Path.Combine(RepositoryRoot.Find(), ".azurite"),
                StorageConnection.DevelopmentBlobPort, StorageConnection.DevelopmentQueuePort, StorageConnection.DevelopmentTablePort,
                line => log.LogInformation("{Line}", line), ct);

        var connection = settings.EffectiveStorageConnectionString;
        var blobs = new BlobServiceClient(connection);
        foreach (var container in new[] { settings.InputContainer, settings.OutputContainer, settings.WorkContainer })
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: ct);

        var activities = new MmmActivities(new BlobRunStore(blobs), logging, settings.TrainingDevice);
        var executor = new DurableExecutor(connection, settings.HubName, logging,
                new DurableExecutorOptions { MaxConcurrentActivities = settings.MaxConcurrentActivityFunctions })
            .RegisterOrchestrator(MmmOrchestrator.Name, MmmOrchestrator.RunAsync)
            .RegisterActivity<ActivityInput, PreparedRun>(ActivityNames.ValidateAndScale, activities.ValidateAndScale)
            .RegisterActivity<ActivityInput, string>(ActivityNames.WarmStart, activities.WarmStart)
            .RegisterActivity<TrainBlockInput, TrainBlockResult>(ActivityNames.TrainOuterIteration, activities.TrainOuterIteration)
            .RegisterActivity<DecomposeInput, DecomposeResult>(ActivityNames.Decompose, activities.Decompose)
            .RegisterActivity<ActivityInput, bool>(ActivityNames.WriteOutputs, activities.WriteOutputs)
            .RegisterActivity<FailureInput, bool>(ActivityNames.WriteFailure, activities.WriteFailure);
        await executor.StartAsync(ct);

        var runs = new RunInputFactory(blobs, settings.OutputContainer, settings.WorkContainer);
        BlobWatcher? watcher = null;
        if (watch)
        {
            watcher = new BlobWatcher(blobs, new QueueServiceClient(connection), executor.Client, runs, BlobWatcherOptions.From(settings),
                logging.CreateLogger<BlobWatcher>());
            await watcher.StartAsync(ct);
        }

        var api = LocalWebHost.Build(new ManagementApiOptions
        {
            Client = executor.Client,
            ApiKey = settings.ApiKey,
            HubName = settings.HubName,
            Runs = new RunUploads(blobs, settings.InputContainer, runs, executor.Client, logging.CreateLogger<RunUploads>()),
        }, url, b => b.Logging.ClearProviders());
        await api.StartAsync(ct);
        var baseUrl = LocalWebHost.Addresses(api)[0].TrimEnd('/');
        log.LogInformation("Local host ready: management API {Url}/runtime/webhooks/durabletask, task hub {Hub}, watching {Container}",
            baseUrl, settings.HubName, watch ? settings.InputContainer : "(off)");
        return new LocalPipeline(settings, azurite, executor, watcher, api, blobs, runs, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await api.StopAsync();
        await api.DisposeAsync();
        if (watcher is not null) await watcher.StopAsync(CancellationToken.None);
        await executor.StopAsync(CancellationToken.None);
        await executor.DisposeAsync();
        if (azurite is not null) await azurite.DisposeAsync();
    }
}
