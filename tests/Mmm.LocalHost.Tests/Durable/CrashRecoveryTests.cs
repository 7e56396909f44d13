using Mmm.LocalHost.Tests.Support;
using System.Text.Json.Nodes;
using Mmm.LocalHost.Durable;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Durable;

/// <summary>
/// Resuming from storage: an executor "killed" mid-activity (no further writes, as after SIGKILL) is replaced
/// by a new one on the same task hub, which finishes the run repeating only the activity that was in flight.
/// </summary>
public sealed class CrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_new_executor_finishes_a_crashed_run_repeating_only_the_in_flight_activity()
    {
        var hub = AzuriteFixture.NewHub();
        int thirdStepRuns = 0;
        var thirdStepEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseZombie = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Register(DurableExecutor executor) => executor
            .RegisterOrchestrator("Steps", async ctx =>
            {
                var total = 0;
                for (int step = 1; step <= 4; step++)
                {
                    total += await ctx.CallActivityAsync<int>("Step", step);
                    ctx.SetCustomStatus(new { step });
                }
                return total;
            })
            .RegisterActivity<int, int>("Step", async (step, _) =>
            {
                if (step == 3 && Interlocked.Increment(ref thirdStepRuns) == 1)
                {
                    thirdStepEntered.SetResult();
                    await releaseZombie.Task; // ignores cancellation, like code that is simply killed
                }
                return step * 10;
            });

        var first = await azurite.StartExecutorAsync(hub, Register, output);
        await first.Client.StartAsync("Steps", "crash-1", null);
        await thirdStepEntered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        first.SimulateCrash();
        releaseZombie.SetResult(); // the killed process's activity "finishes": nothing of it may reach storage
        await first.StopAsync(CancellationToken.None);

        var afterCrash = (await first.Client.GetAsync("crash-1", showHistory: true))!;
        Assert.Equal(RuntimeStatus.Running, afterCrash.RuntimeStatus);
        Assert.DoesNotContain(afterCrash.HistoryEvents!, e => Type(e) == "TaskCompleted" && e["taskId"]!.GetValue<int>() == 2);

        await using var second = await azurite.StartExecutorAsync(hub, Register, output);
        var state = await Wait.ForFinishedAsync(second.Client, "crash-1");

        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(100, state.Output!.GetValue<int>());
        Assert.Equal(4, state.CustomStatus!["step"]!.GetValue<int>());
        var history = (await second.Client.GetAsync("crash-1", showHistory: true))!.HistoryEvents!;
        var runsPerTask = history.Where(e => Type(e) == "ActivityStarted").GroupBy(e => e["taskId"]!.GetValue<int>())
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<int, int> { [0] = 1, [1] = 1, [2] = 2, [3] = 1 }, runsPerTask);
        Assert.Equal([0, 1, 2, 3], history.Where(e => Type(e) == "TaskScheduled").Select(e => e["taskId"]!.GetValue<int>()));
        Assert.Equal([0, 1, 2, 3], history.Where(e => Type(e) == "TaskCompleted").Select(e => e["taskId"]!.GetValue<int>()));
        Assert.Equal(2, thirdStepRuns);
    }

    [Fact]
    public async Task A_pending_timer_is_re_armed_after_a_restart()
    {
        var hub = AzuriteFixture.NewHub();
        static void Register(DurableExecutor executor) => executor
            .RegisterOrchestrator("Sleepy", async ctx =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(400), CancellationToken.None);
                return "woke";
            });

        var first = await azurite.StartExecutorAsync(hub, Register, output);
        await first.Client.StartAsync("Sleepy", "timer-1", null);
        await Wait.ForAsync(first.Client, "timer-1", s => s.HistoryEvents!.Any(e => Type(e) == "TimerCreated"), "a timer", showHistory: true);
        first.SimulateCrash();
        await first.StopAsync(CancellationToken.None);

        await using var second = await azurite.StartExecutorAsync(hub, Register, output);
        var state = await Wait.ForFinishedAsync(second.Client, "timer-1");

        Assert.Equal("woke", state.Output!.GetValue<string>());
        var history = (await second.Client.GetAsync("timer-1", showHistory: true))!.HistoryEvents!;
        Assert.Equal(["ExecutionStarted", "TimerCreated", "TimerFired", "ExecutionCompleted"], history.Select(Type));
        var fired = DateTime.Parse(history[2]["timestamp"]!.GetValue<string>()).ToUniversalTime();
        var fireAt = DateTime.Parse(history[1]["fireAt"]!.GetValue<string>()).ToUniversalTime();
        Assert.True(fired >= fireAt, $"fired at {fired:O}, due {fireAt:O}");
    }

    [Fact]
    public async Task Instances_started_before_the_executor_runs_are_picked_up_when_it_starts()
    {
        var hub = AzuriteFixture.NewHub();
        await using var executor = new DurableExecutor(azurite.ConnectionString, hub, TestLogging.Factory(output));
        executor.RegisterOrchestrator("Echo", async ctx => await ctx.CallActivityAsync<string>("Echo", ctx.GetInput<string>()))
            .RegisterActivity<string, string>("Echo", (input, _) => Task.FromResult(input.ToUpperInvariant()));

        Assert.True(await executor.Client.StartAsync("Echo", "early-1", "hello"));
        Assert.Equal(RuntimeStatus.Pending, (await executor.Client.GetAsync("early-1"))!.RuntimeStatus);
        await executor.StartAsync(CancellationToken.None);

        var state = await Wait.ForFinishedAsync(executor.Client, "early-1");
        Assert.Equal("HELLO", state.Output!.GetValue<string>());
    }

    private static string Type(JsonObject e) => e["eventType"]!.GetValue<string>();
}
