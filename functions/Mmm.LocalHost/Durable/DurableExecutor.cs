using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Durable;

/// <summary>
/// A single-process durable executor whose state lives in Azure Storage (Azurite or a real account): register
/// orchestrators and activities by name, start it (it resumes every Pending or Running instance from its
/// history), and drive instances through <see cref="Client"/>. Each live instance has one
/// <see cref="InstanceDriver"/>; activities share <see cref="DurableExecutorOptions.MaxConcurrentActivities"/>
/// slots and orchestrator replays <see cref="DurableExecutorOptions.MaxConcurrentOrchestrations"/> slots.
/// Hosted as an <see cref="IHostedService"/> by the serve command.
/// </summary>
public sealed class DurableExecutor : IHostedService, IAsyncDisposable
{
    private readonly DurableStore store;
    private readonly OrchestrationRegistry registry = new();
    private readonly ExecutorServices services;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, (InstanceDriver Driver, Task Running)> drivers = new();
    private readonly Lazy<Task> storageReady;
    private volatile bool started;

    public DurableExecutor(string connectionString, string taskHub, ILoggerFactory loggerFactory, DurableExecutorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Options = options ?? new DurableExecutorOptions();
        Options.Validate();
        TaskHub = new TaskHubName(taskHub);
        logger = loggerFactory.CreateLogger<DurableExecutor>();
        store = new DurableStore(connectionString, TaskHub, Options.LargeMessageThresholdChars);
        var activitySlots = new SemaphoreSlim(Options.MaxConcurrentActivities, Options.MaxConcurrentActivities);
        services = new ExecutorServices(store, registry,
            new ActivityRunner(registry, activitySlots, loggerFactory.CreateLogger<ActivityRunner>()),
            new SemaphoreSlim(Options.MaxConcurrentOrchestrations, Options.MaxConcurrentOrchestrations),
            loggerFactory.CreateLogger<InstanceDriver>());
        storageReady = new Lazy<Task>(() => store.EnsureCreatedAsync(CancellationToken.None));
        Client = new DurableClient(this, store);
    }

    public TaskHubName TaskHub { get; }

    public DurableExecutorOptions Options { get; }

    /// <summary>Start, query, terminate and purge instances (the management API's backend).</summary>
    public IOrchestrationClient Client { get; }

    /// <summary>Registers an orchestrator; its output is serialised with <see cref="DurableJson"/>. Register before starting.</summary>
    public DurableExecutor RegisterOrchestrator<TOut>(string name, Func<IOrchestrationContext, Task<TOut>> orchestrator)
    {
        ThrowIfStarted();
        registry.AddOrchestrator(name, orchestrator);
        return this;
    }

    /// <summary>Registers an activity; its input and output are serialised with <see cref="DurableJson"/>. Register before starting.</summary>
    public DurableExecutor RegisterActivity<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> activity)
    {
        ThrowIfStarted();
        registry.AddActivity(name, activity);
        return this;
    }

    /// <summary>Creates the tables and container if needed and resumes every Pending or Running instance.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        await EnsureStorageAsync(cancellationToken);
        started = true;
        var unfinished = await store.GetUnfinishedInstancesAsync(cancellationToken);
        logger.LogInformation("Durable executor on task hub {TaskHub} started; resuming {Count} unfinished instance(s)", TaskHub, unfinished.Count);
        foreach (var instance in unfinished) Drive(instance.InstanceId);
    }

    /// <summary>Cancels running activities and timers and waits for the drivers to let go; unfinished instances resume on the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!stopping.IsCancellationRequested)
        {
            logger.LogInformation("Durable executor on task hub {TaskHub} stopping", TaskHub);
            stopping.Cancel();
        }
        try { await Task.WhenAll(drivers.Values.Select(d => d.Running)).WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { logger.LogWarning("Durable executor stopped before every instance driver let go"); }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>
    /// Test hook: behave as if the process died now. Nothing more is written to storage (every write throws)
    /// and running work is cancelled; the instances stay as storage last saw them.
    /// </summary>
    internal void SimulateCrash()
    {
        store.Halt();
        stopping.Cancel();
    }

    internal Task EnsureStorageAsync(CancellationToken ct) => storageReady.Value.WaitAsync(ct);

    internal bool IsRegisteredOrchestrator(string name) => registry.HasOrchestrator(name);

    /// <summary>Starts a driver for the instance unless one is running or the executor is not started.</summary>
    internal void Drive(string instanceId)
    {
        if (!started || stopping.IsCancellationRequested) return;
        var driver = new InstanceDriver(instanceId, services, stopping.Token);
        // The driver only runs once it is the registered one, so two calls for one instance never drive it twice.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(async () =>
        {
            await gate.Task;
            try { await driver.RunAsync(); }
            finally { drivers.TryRemove(instanceId, out _); }
        });
        if (drivers.TryAdd(instanceId, (driver, running))) gate.SetResult();
        else gate.SetCanceled();
    }

    internal async Task<TerminateOutcome> TerminateAsync(string instanceId, string? reason, CancellationToken ct)
    {
        if (drivers.TryGetValue(instanceId, out var live))
        {
            try { return await live.Driver.TerminateAsync(reason, ct); }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                logger.LogDebug("Instance {InstanceId}: terminate raced with its driver; retrying from storage", instanceId);
            }
        }
        var log = await InstanceLog.LoadAsync(store, instanceId, ct);
        if (log is null) return TerminateOutcome.NotFound;
        return await InstanceDriver.Terminate(log, reason, ct);
    }

    private void ThrowIfStarted()
    {
        if (started) throw new InvalidOperationException("Register orchestrators and activities before starting the executor.");
    }
}
