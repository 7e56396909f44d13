using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// The local host's orchestration engine: DurableTask.Core's <see cref="TaskHubWorker"/> and
/// <see cref="TaskHubClient"/> on DurableTask.AzureStorage (the storage provider Durable Functions runs on), over
/// Azurite or a real account. It runs <see cref="MmmOrchestrator"/>, <see cref="MmmPlanner"/> and the given activities; several processes
/// started on one hub share its work through partition leases.
/// </summary>
public sealed class MmmEngine : IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubWorker worker;
    private readonly CancellationTokenSource stopping;
    private readonly ILogger logger;
    private bool stopped;

    private MmmEngine(AzureStorageOrchestrationService service, TaskHubWorker worker, CancellationTokenSource stopping, ActivityJournal journal,
        IOrchestrationClient client, string hubName, ILogger logger)
    {
        (this.service, this.worker, this.stopping, Journal, Client, HubName, this.logger) = (service, worker, stopping, journal, client, hubName, logger);
    }

    /// <summary>Start, query, control and purge instances of the hub (the management API's backend).</summary>
    public IOrchestrationClient Client { get; }

    /// <summary>The activities this process ran, with their times.</summary>
    public ActivityJournal Journal { get; }

    public string WorkerId => Journal.WorkerId;

    public string HubName { get; }

    /// <summary>Creates the hub's queues, tables and containers when missing and starts processing.</summary>
    public static async Task<MmmEngine> StartAsync(MmmSettings settings, string connectionString, IEnumerable<ActivityBinding> activities,
        ILoggerFactory logging, CancellationToken ct = default)
    {
        var workerId = settings.WorkerId ?? EngineSettings.NewWorkerId();
        var service = new AzureStorageOrchestrationService(EngineSettings.For(settings, connectionString, workerId, logging));
        await service.CreateIfNotExistsAsync().WaitAsync(ct);

        var stopping = new CancellationTokenSource();
        var logger = logging.CreateLogger<MmmEngine>();
        var journal = new ActivityJournal(workerId, logging.CreateLogger<ActivityJournal>());
        var worker = new TaskHubWorker(service, logging) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(
            new WorkflowOrchestration.Creator(MmmOrchestrator.Name, async context => await MmmOrchestrator.RunAsync(context)),
            new WorkflowOrchestration.Creator(MmmPlanner.Name, async context => await MmmPlanner.RunAsync(context)));
        worker.AddTaskActivities(activities.Select(a => WorkflowActivity.Creator(a, stopping.Token)).ToArray());
        worker.AddActivityDispatcherMiddleware(journal.Middleware);
        await worker.StartAsync().WaitAsync(ct);

        var client = new EngineClient(new TaskHubClient(service, WorkflowDataConverter.Instance, logging), service, service, [MmmOrchestrator.Name, MmmPlanner.Name]);
        logger.LogInformation("Engine on task hub {Hub} started as worker {WorkerId} ({Partitions} partitions, {Activities} concurrent activities, polling at most every {Polling})",
            settings.HubName, workerId, settings.PartitionCount, settings.MaxConcurrentActivityFunctions, settings.MaxQueuePollingInterval);
        return new MmmEngine(service, worker, stopping, journal, client, settings.HubName, logger);
    }

    /// <summary>
    /// Stops this worker: running activities are cancelled and go back to the queue (another worker, or this one
    /// started again, runs them), partition leases are released so the other workers take them at once.
    /// </summary>
    public async Task StopAsync()
    {
        if (stopped) return;
        stopped = true;
        logger.LogInformation("Engine worker {WorkerId} stopping", WorkerId);
        await stopping.CancelAsync();
        await worker.StopAsync(isForced: false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        worker.Dispose();
        service.Dispose();
        stopping.Dispose();
    }
}
