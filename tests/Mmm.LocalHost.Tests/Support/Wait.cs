using Mmm.LocalHost.Engine;

namespace Mmm.LocalHost.Tests.Support;

/// <summary>Polling helpers: wait until an instance reaches a state (tests never sleep a fixed time).</summary>
public static class Wait
{
    /// <summary>Long enough for a worker to take its partitions (about 5 s) and run a few quick activities on a busy machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<InstanceState> ForStatusAsync(IOrchestrationClient client, string instanceId, params RuntimeStatus[] statuses) =>
        await ForAsync(client, instanceId, s => statuses.Contains(s.RuntimeStatus), $"status in [{string.Join(", ", statuses)}]");

    public static async Task<InstanceState> ForFinishedAsync(IOrchestrationClient client, string instanceId) =>
        await ForStatusAsync(client, instanceId, RuntimeStatus.Completed, RuntimeStatus.Failed, RuntimeStatus.Terminated);

    public static async Task<InstanceState> ForAsync(IOrchestrationClient client, string instanceId, Func<InstanceState, bool> condition,
        string description, bool showHistory = false)
    {
        var deadline = DateTime.UtcNow.Add(Timeout);
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
