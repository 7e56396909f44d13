using System.Text.Json.Nodes;
using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Tests.Support;
using Mmm.Workflow.Orchestration;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Engine;

/// <summary>The engine's client behind the management API, on the real engine and Azurite, with fake activities.</summary>
public sealed class EngineClientTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Starting_one_id_from_two_workers_at_once_and_again_after_it_finished_is_one_run()
    {
        var hub = AzuriteFixture.NewHub();
        var fakes = new FakeActivities();
        await using var first = await azurite.StartEngineAsync(hub, fakes.Bindings, output);
        await using var second = await azurite.StartEngineAsync(hub, fakes.Bindings, output);
        Assert.NotEqual(first.WorkerId, second.WorkerId);

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            (i % 2 == 0 ? first : second).Client.StartAsync(MmmOrchestrator.Name, "mmm-once-1", FakeActivities.Run("once"))));
        var done = await Wait.ForFinishedAsync(first.Client, "mmm-once-1");
        Assert.Equal(RuntimeStatus.Completed, done.RuntimeStatus);
        // The provider checks for an existing id before it enqueues the start, so starts racing each other may all
        // report a start; the engine then keeps one execution and drops the other ExecutionStarted messages.
        Assert.Contains(true, starts);

        // A finished instance is not started again (without every status as a dedupe status it would silently run again).
        Assert.False(await second.Client.StartAsync(MmmOrchestrator.Name, "mmm-once-1", FakeActivities.Run("once")));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = (await first.Client.GetAsync("mmm-once-1", showHistory: true))!;
        Assert.Equal(RuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(done.CreatedTime, after.CreatedTime);
        Assert.Single(after.HistoryEvents!, e => (string?)e["EventType"] == "ExecutionStarted");
        Assert.Equal(1, fakes.RunsOf(ActivityNames.ValidateAndScale));
        Assert.Equal(3, fakes.RunsOf(ActivityNames.TrainOuterIteration));
        Assert.Equal(1, fakes.RunsOf(ActivityNames.CommitOutputs));
    }

    [Fact]
    public async Task Unknown_ids_list_paging_and_purge()
    {
        var fakes = new FakeActivities();
        await using var engine = await azurite.StartEngineAsync(AzuriteFixture.NewHub(), fakes.Bindings, output);
        Assert.Null(await engine.Client.GetAsync("mmm-nothing-1"));
        var ids = new[] { "mmm-page-1", "mmm-page-2", "mmm-page-3", "mmm-other-1" };
        foreach (var id in ids) Assert.True(await engine.Client.StartAsync(MmmOrchestrator.Name, id, FakeActivities.Run("page")));
        foreach (var id in ids) await Wait.ForFinishedAsync(engine.Client, id);

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var page = await engine.Client.ListAsync(new InstanceQuery(InstanceIdPrefix: "mmm-page-", PageSize: 2, ContinuationToken: token));
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            Assert.All(page.Instances, i => Assert.Equal(RuntimeStatus.Completed, i.RuntimeStatus));
            token = page.ContinuationToken;
            pages++;
        } while (token is not null && pages < 10);
        Assert.Equal(["mmm-page-1", "mmm-page-2", "mmm-page-3"], seen.Order());
        Assert.InRange(pages, 2, 3);
        var failedOnly = await engine.Client.ListAsync(new InstanceQuery(InstanceIdPrefix: "mmm-", Statuses: [RuntimeStatus.Failed]));
        Assert.Empty(failedOnly.Instances);
        var hidden = await engine.Client.ListAsync(new InstanceQuery(InstanceIdPrefix: "mmm-other-", ShowInput: false));
        Assert.Null(Assert.Single(hidden.Instances).Input);

        Assert.True(await engine.Client.PurgeAsync("mmm-page-1"));
        Assert.Null(await engine.Client.GetAsync("mmm-page-1"));
        Assert.False(await engine.Client.PurgeAsync("mmm-page-1"));
        Assert.False(await engine.Client.PurgeAsync("mmm-never"));
    }

    [Fact]
    public async Task Suspend_resume_raise_event_and_terminate_act_on_running_instances_only()
    {
        var fakes = new FakeActivities { BlockDelay = TimeSpan.FromSeconds(1.5) };
        await using var engine = await azurite.StartEngineAsync(AzuriteFixture.NewHub(), fakes.Bindings, output);
        var client = engine.Client;
        await client.StartAsync(MmmOrchestrator.Name, "mmm-ctl-1", FakeActivities.Run("ctl"));
        await client.StartAsync(MmmOrchestrator.Name, "mmm-ctl-2", FakeActivities.Run("ctl"));
        await Wait.ForAsync(client, "mmm-ctl-1", s => s.CustomStatus?["phase"]?.GetValue<string>() == Phases.Training, "training");
        await Wait.ForAsync(client, "mmm-ctl-2", s => s.CustomStatus?["phase"]?.GetValue<string>() == Phases.Training, "training");

        Assert.Equal(InstanceOperationOutcome.Accepted, await client.TerminateAsync("mmm-ctl-2", "enough"));
        var terminated = await Wait.ForFinishedAsync(client, "mmm-ctl-2");
        Assert.Equal(RuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("enough", terminated.Output?.ToString());

        Assert.Equal(InstanceOperationOutcome.Accepted, await client.SuspendAsync("mmm-ctl-1", "pause"));
        await Wait.ForStatusAsync(client, "mmm-ctl-1", RuntimeStatus.Suspended);
        // While suspended the orchestration takes no step: the block in flight finishes, but no next block is scheduled.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var paused = (await client.GetAsync("mmm-ctl-1"))!;
        Assert.Equal(RuntimeStatus.Suspended, paused.RuntimeStatus);
        int epochWhilePaused = paused.CustomStatus!["epoch"]!.GetValue<int>();
        Assert.True(epochWhilePaused < 3, $"suspended at epoch {epochWhilePaused}");

        Assert.Equal(InstanceOperationOutcome.Accepted, await client.RaiseEventAsync("mmm-ctl-1", "note", new JsonObject { ["from"] = "test" }));
        Assert.Equal(InstanceOperationOutcome.Accepted, await client.ResumeAsync("mmm-ctl-1", "go on"));
        Assert.Equal(RuntimeStatus.Completed, (await Wait.ForFinishedAsync(client, "mmm-ctl-1")).RuntimeStatus);
        var history = (await client.GetAsync("mmm-ctl-1", showHistory: true, showHistoryOutput: true))!.HistoryEvents!;
        var raised = Assert.Single(history, e => (string?)e["EventType"] == "EventRaised");
        Assert.Equal("note", (string?)raised["Name"]);
        Assert.Equal("test", (string?)raised["Input"]?["from"]);

        foreach (var (operation, name) in new (Func<string, Task<InstanceOperationOutcome>>, string)[]
                 {
                     (id => client.TerminateAsync(id, null), "terminate"), (id => client.SuspendAsync(id, null), "suspend"),
                     (id => client.ResumeAsync(id, null), "resume"), (id => client.RaiseEventAsync(id, "x", null), "raise"),
                 })
        {
            Assert.True(InstanceOperationOutcome.AlreadyFinished == await operation("mmm-ctl-1"), name);
            Assert.True(InstanceOperationOutcome.NotFound == await operation("mmm-ctl-none"), name);
        }
    }
}
