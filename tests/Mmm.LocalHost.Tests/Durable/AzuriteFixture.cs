using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Durable;
using Mmm.LocalHost.Storage;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Durable;

/// <summary>
/// One Azurite per test class (xunit class fixture): a fresh workspace under a temp folder, free ports.
/// Every test takes its own task hub (<see cref="NewHub"/>), so tests of a class never see each other's instances.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "mmm-durable-tests", Guid.NewGuid().ToString("N"));
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite!.ConnectionString;

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync(workspace);

    public async Task DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
        try { Directory.Delete(workspace, recursive: true); }
        catch (IOException) { /* best effort */ }
    }

    public static string NewHub() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>An executor on this Azurite, registered by <paramref name="register"/> and started.</summary>
    public async Task<DurableExecutor> StartExecutorAsync(string hub, Action<DurableExecutor> register, ITestOutputHelper output,
        DurableExecutorOptions? options = null)
    {
        var executor = new DurableExecutor(ConnectionString, hub, TestLogging.Factory(output), options);
        register(executor);
        await executor.StartAsync(CancellationToken.None);
        return executor;
    }
}

/// <summary>Polling helpers: wait until an instance reaches a state (tests never sleep a fixed time).</summary>
public static class Wait
{
    public static async Task<InstanceState> ForStatusAsync(IOrchestrationClient client, string instanceId, params RuntimeStatus[] statuses) =>
        await ForAsync(client, instanceId, s => statuses.Contains(s.RuntimeStatus), $"status in [{string.Join(", ", statuses)}]");

    public static async Task<InstanceState> ForFinishedAsync(IOrchestrationClient client, string instanceId) =>
        await ForStatusAsync(client, instanceId, RuntimeStatus.Completed, RuntimeStatus.Failed, RuntimeStatus.Terminated);

    public static async Task<InstanceState> ForAsync(IOrchestrationClient client, string instanceId, Func<InstanceState, bool> condition,
        string description, bool showHistory = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var state = await client.GetAsync(instanceId, showHistory: showHistory, showHistoryOutput: showHistory);
            if (state is not null && condition(state)) return state;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Instance {instanceId} did not reach {description}; last status {state?.RuntimeStatus}, " +
                                           $"output {state?.Output?.ToJsonString()}");
            await Task.Delay(25);
        }
    }

    public static async Task UntilAsync(Func<bool> condition, string description)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {description}");
            await Task.Delay(10);
        }
    }
}

/// <summary>Routes the executor's logs to the xunit test output (shown for failing tests).</summary>
public sealed class TestLogging(ITestOutputHelper output) : ILoggerProvider, ILogger
{
    public static ILoggerFactory Factory(ITestOutputHelper output) =>
        LoggerFactory.Create(builder => builder.AddProvider(new TestLogging(output)).SetMinimumLevel(LogLevel.Debug));

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try { output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}"); }
        catch (InvalidOperationException) { /* the test has already finished */ }
    }

    public void Dispose() { }
}
