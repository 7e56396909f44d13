using Mmm.LocalHost.Durable;
using Mmm.LocalHost.Tests.Support;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Durable;

public static class ExecutorFixtureExtensions
{
    /// <summary>An executor on this Azurite, registered by <paramref name="register"/> and started.</summary>
    public static async Task<DurableExecutor> StartExecutorAsync(this AzuriteFixture azurite, string hub, Action<DurableExecutor> register,
        ITestOutputHelper output, DurableExecutorOptions? options = null)
    {
        var executor = new DurableExecutor(azurite.ConnectionString, hub, TestLogging.Factory(output), options);
        register(executor);
        await executor.StartAsync(CancellationToken.None);
        return executor;
    }
}
