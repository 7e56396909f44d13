using Mmm.LocalHost.Tests.Support;
using System.Text.Json;
using Mmm.LocalHost.Durable;
using Mmm.Workflow.Orchestration;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Durable;

/// <summary>The executor's core: a sequence of activities, replay, retries, failures, custom status, timers, idempotent start.</summary>
public sealed class ExecutorTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    public sealed record SumInput(int Start, string Label);
    public sealed record AddInput(int Value, int Amount);
    public sealed record SumOutput(string Label, IReadOnlyList<int> Steps, double Elapsed);

    private static readonly RetryPolicy FastRetry = new(3, TimeSpan.FromMilliseconds(20), 2.0);

    /// <summary>Three activities in sequence; counts how often the orchestrator and each activity ran.</summary>
    private sealed class SumWorkflow
    {
        public int OrchestratorRuns;
        public int AddRuns;
        public int LabelRuns;
        public List<bool> ReplayingSeen { get; } = [];

        public void Register(DurableExecutor executor) => executor
            .RegisterOrchestrator("Sum", async ctx =>
            {
                Interlocked.Increment(ref OrchestratorRuns);
                var input = ctx.GetInput<SumInput>()!;
                var started = ctx.CurrentUtcDateTime;
                var a = await ctx.CallActivityAsync<int>("Add", new AddInput(input.Start, 1), FastRetry);
                ctx.SetCustomStatus(new { step = 1 });
                var b = await ctx.CallActivityAsync<int>("Add", new AddInput(a, 10), FastRetry);
                lock (ReplayingSeen) ReplayingSeen.Add(ctx.IsReplaying);
                var label = await ctx.CallActivityAsync<string>("Label", new SumInput(b, input.Label));
                ctx.SetCustomStatus(new { step = 3 });
                return new SumOutput(label, [a, b], (ctx.CurrentUtcDateTime - started).TotalSeconds);
            })
            .RegisterActivity<AddInput, int>("Add", (input, _) =>
            {
                Interlocked.Increment(ref AddRuns);
                return Task.FromResult(input.Value + input.Amount);
            })
            .RegisterActivity<SumInput, string>("Label", (input, _) =>
            {
                Interlocked.Increment(ref LabelRuns);
                return Task.FromResult($"{input.Label}={input.Start}");
            });
    }

    [Fact]
    public async Task A_sequence_of_activities_completes_with_its_output_and_history()
    {
        var workflow = new SumWorkflow();
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), workflow.Register, output);

        Assert.True(await executor.Client.StartAsync("Sum", "sum-1", new SumInput(5, "total")));
        var state = await Wait.ForFinishedAsync(executor.Client, "sum-1");

        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        var result = state.Output.Deserialize<SumOutput>(DurableJson.Options)!;
        Assert.Equal("total=16", result.Label);
        Assert.Equal([6, 16], result.Steps);
        Assert.True(result.Elapsed >= 0);
        Assert.Equal(3, state.CustomStatus!["step"]!.GetValue<int>());
        Assert.Equal(5, state.Input!["start"]!.GetValue<int>());
        Assert.Equal("Sum", state.Name);

        var history = (await executor.Client.GetAsync("sum-1", showHistory: true, showHistoryOutput: true))!.HistoryEvents!;
        var types = history.Select(e => e["eventType"]!.GetValue<string>()).ToList();
        Assert.Equal([
            "ExecutionStarted",
            "TaskScheduled", "ActivityStarted", "TaskCompleted",
            "TaskScheduled", "ActivityStarted", "TaskCompleted",
            "TaskScheduled", "ActivityStarted", "TaskCompleted",
            "ExecutionCompleted"], types);
        Assert.Equal(Enumerable.Range(0, types.Count).Select(i => (long)i), history.Select(e => e["sequence"]!.GetValue<long>()));
        var scheduled = history.Where(e => e["eventType"]!.GetValue<string>() == "TaskScheduled").ToList();
        Assert.Equal(["Add", "Add", "Label"], scheduled.Select(e => e["name"]!.GetValue<string>()));
        Assert.Equal([0, 1, 2], scheduled.Select(e => e["taskId"]!.GetValue<int>()));
        Assert.Equal(6, scheduled[1]["input"]!["value"]!.GetValue<int>());
        Assert.Equal("total=16", history.Last(e => e["eventType"]!.GetValue<string>() == "TaskCompleted")["result"]!.GetValue<string>());
        Assert.All(history, e => Assert.NotNull(e["timestamp"]));
    }

    [Fact]
    public async Task Replay_runs_the_orchestrator_many_times_but_each_activity_once()
    {
        var workflow = new SumWorkflow();
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), workflow.Register, output);

        await executor.Client.StartAsync("Sum", "replay-1", new SumInput(1, "x"));
        await Wait.ForStatusAsync(executor.Client, "replay-1", RuntimeStatus.Completed);

        Assert.Equal(4, workflow.OrchestratorRuns); // one episode per new event: start + three activity outcomes
        Assert.Equal(2, workflow.AddRuns);
        Assert.Equal(1, workflow.LabelRuns);
        // The line after the second Add is reached in episodes 3 (fresh: the newest event) and 4 (replaying).
        Assert.Equal([false, true], workflow.ReplayingSeen);
    }

    [Fact]
    public async Task A_failing_activity_is_retried_with_backoff_and_then_succeeds()
    {
        var attempts = new List<DateTime>();
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), e => e
            .RegisterOrchestrator("Flaky", ctx => ctx.CallActivityAsync<string>("Flaky", "go", new RetryPolicy(3, TimeSpan.FromMilliseconds(100), 2.0)))
            .RegisterActivity<string, string>("Flaky", (input, _) =>
            {
                lock (attempts) attempts.Add(DateTime.UtcNow);
                return attempts.Count < 3 ? throw new InvalidOperationException("not yet") : Task.FromResult(input + "!");
            }), output);

        await executor.Client.StartAsync("Flaky", "flaky-1", null);
        var state = await Wait.ForFinishedAsync(executor.Client, "flaky-1");

        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("go!", state.Output!.GetValue<string>());
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(90), $"first retry after {attempts[1] - attempts[0]}");
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(190), $"second retry after {attempts[2] - attempts[1]}");
        var history = (await executor.Client.GetAsync("flaky-1", showHistory: true))!.HistoryEvents!;
        Assert.Equal([1, 2, 3], history.Where(e => e["eventType"]!.GetValue<string>() == "ActivityStarted").Select(e => e["attempt"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_activity_failing_every_attempt_fails_the_orchestration_with_its_message()
    {
        int attempts = 0;
        string? caught = null;
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), e => e
            .RegisterOrchestrator("Doomed", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<int>("Boom", 1, new RetryPolicy(2, TimeSpan.FromMilliseconds(10)));
                }
                catch (ActivityFailedException failure)
                {
                    caught = $"{failure.ActivityName}|{failure.ErrorType}|{failure.ErrorMessage}";
                    throw new InvalidOperationException("gave up: " + failure.ErrorMessage);
                }
            })
            .RegisterActivity<int, int>("Boom", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new ArgumentException("bad value");
            }), output);

        await executor.Client.StartAsync("Doomed", "doomed-1", null);
        var state = await Wait.ForFinishedAsync(executor.Client, "doomed-1");

        Assert.Equal(RuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("gave up: bad value", state.Output!.GetValue<string>());
        Assert.Equal(2, attempts);
        Assert.Equal("Boom|System.ArgumentException|bad value", caught);
        var history = (await executor.Client.GetAsync("doomed-1", showHistory: true))!.HistoryEvents!;
        var failed = history.Single(e => e["eventType"]!.GetValue<string>() == "TaskFailed");
        Assert.Equal("System.ArgumentException", failed["errorType"]!.GetValue<string>());
        Assert.Equal("ExecutionFailed", history[^1]["eventType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Custom_status_is_visible_while_the_orchestration_runs()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), e => e
            .RegisterOrchestrator("Status", async ctx =>
            {
                ctx.SetCustomStatus(new { phase = "waiting", percent = 10 });
                var value = await ctx.CallActivityAsync<int>("Block", 0);
                ctx.SetCustomStatus(new { phase = "done", percent = 100 });
                return value;
            })
            .RegisterActivity<int, int>("Block", (_, ct) => release.Task.WaitAsync(ct)), output);

        await executor.Client.StartAsync("Status", "status-1", null);
        var running = await Wait.ForAsync(executor.Client, "status-1", s => s.CustomStatus is not null, "a custom status");

        Assert.Equal(RuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal("waiting", running.CustomStatus!["phase"]!.GetValue<string>());
        release.SetResult(7);
        var done = await Wait.ForStatusAsync(executor.Client, "status-1", RuntimeStatus.Completed);
        Assert.Equal("done", done.CustomStatus!["phase"]!.GetValue<string>());
        Assert.Equal(7, done.Output!.GetValue<int>());
    }

    [Fact]
    public async Task Starting_an_existing_instance_id_starts_nothing_new()
    {
        var workflow = new SumWorkflow();
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), workflow.Register, output);

        Assert.True(await executor.Client.StartAsync("Sum", "same-id", new SumInput(1, "first")));
        Assert.False(await executor.Client.StartAsync("Sum", "same-id", new SumInput(100, "second")));
        var state = await Wait.ForFinishedAsync(executor.Client, "same-id");
        Assert.False(await executor.Client.StartAsync("Sum", "same-id", new SumInput(100, "third")));

        Assert.Equal("first=12", state.Output!["label"]!.GetValue<string>());
        Assert.Equal(1, workflow.LabelRuns);
        await Assert.ThrowsAsync<ArgumentException>(() => executor.Client.StartAsync("NoSuchOrchestrator", "other", null));
    }

    [Fact]
    public async Task A_timer_fires_and_the_orchestration_continues_with_replay_safe_time()
    {
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), e => e
            .RegisterOrchestrator("Sleepy", async ctx =>
            {
                var before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(before.AddMilliseconds(300), CancellationToken.None);
                return (ctx.CurrentUtcDateTime - before).TotalMilliseconds;
            }), output);

        await executor.Client.StartAsync("Sleepy", "sleepy-1", null);
        var state = await Wait.ForFinishedAsync(executor.Client, "sleepy-1");

        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        Assert.True(state.Output!.GetValue<double>() >= 300);
        var history = (await executor.Client.GetAsync("sleepy-1", showHistory: true))!.HistoryEvents!;
        Assert.Equal(["ExecutionStarted", "TimerCreated", "TimerFired", "ExecutionCompleted"],
            history.Select(e => e["eventType"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Changed_orchestrator_code_fails_the_instance_with_a_non_determinism_error()
    {
        var hub = AzuriteFixture.NewHub();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await azurite.StartExecutorAsync(hub, e => e
            .RegisterOrchestrator("Evolving", async ctx => await ctx.CallActivityAsync<int>("Old", 1))
            .RegisterActivity<int, int>("Old", (_, ct) => gate.Task.WaitAsync(ct)), output);
        await first.Client.StartAsync("Evolving", "evolving-1", null);
        await Wait.ForAsync(first.Client, "evolving-1", s => s.RuntimeStatus == RuntimeStatus.Running, "running");
        await first.StopAsync(CancellationToken.None);

        await using var second = await azurite.StartExecutorAsync(hub, e => e
            .RegisterOrchestrator("Evolving", async ctx => await ctx.CallActivityAsync<int>("New", 1))
            .RegisterActivity<int, int>("New", (x, _) => Task.FromResult(x)), output);
        var state = await Wait.ForFinishedAsync(second.Client, "evolving-1");

        Assert.Equal(RuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("Non-deterministic", state.Output!.GetValue<string>());
        Assert.Contains("'New'", state.Output!.GetValue<string>());
    }
}
