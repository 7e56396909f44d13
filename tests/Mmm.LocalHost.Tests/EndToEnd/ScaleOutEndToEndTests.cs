using System.Diagnostics;
using System.Text.Json.Nodes;
using Mmm.LocalHost.Tests.Support;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>
/// Two `mmm serve` processes on one storage account, task hub and input container: both watch the same blobs, so
/// every upload is seen twice and must still be one run; the work spreads over both; and when one of them is
/// killed the other finishes its runs.
/// </summary>
public class ScaleOutEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>A short run: six activities of a few tenths of a second.</summary>
    private const string QuickConfig = """{"hidden": 8, "epochs": 20, "warmStartEpochs": 2, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10, "device": "cpu", "ensembleMembers": 10, "ensembleEpochs": 50}""";

    /// <summary>Uploads {name}-0.parquet ... into the container; returns their instance ids.</summary>
    private async Task<List<string>> UploadRunsAsync(string container, string name, int count, Func<ulong, Mmm.Science.Data.Panel> panel, string config)
    {
        var ids = new List<string>();
        for (int i = 0; i < count; i++)
            ids.Add(await CrashRecoveryEndToEndTests.UploadAsync(azurite.Blobs, container, $"{name}-{i}.parquet",
                await TestPanels.ParquetAsync(panel((ulong)i), config)));
        return ids;
    }

    [Fact]
    public async Task Two_processes_share_six_runs_and_each_runs_exactly_once()
    {
        var hub = AzuriteFixture.NewHub();
        var container = AzuriteFixture.Unique("scale-");
        await using var a = HostProcess.Start(azurite, hub, container, "worker-a", output);
        await using var b = HostProcess.Start(azurite, hub, container, "worker-b", output);

        var clock = Stopwatch.StartNew();
        var ids = await UploadRunsAsync(container, "scale", 6, seed => TestPanels.Synthetic(seed: 60 + seed), QuickConfig);
        foreach (var id in ids)
            Assert.Equal("Completed", (string?)(await a.WaitAsync(id, HostProcess.IsFinished, "a finished run", TimeSpan.FromMinutes(5)))["runtimeStatus"]);
        output.WriteLine($"six runs on two processes: {clock.Elapsed.TotalSeconds:F1} s");

        var activities = a.Started.Concat(b.Started).Where(s => ids.Contains(s.InstanceId)).ToList();
        output.WriteLine($"activities: {a.Started.Count} on worker-a, {b.Started.Count} on worker-b");
        Assert.Contains(activities, s => s.WorkerId == "worker-a");
        Assert.Contains(activities, s => s.WorkerId == "worker-b");
        foreach (var id in ids)
        {
            // One instance per blob version although both watchers saw every blob, one execution, each task once.
            var history = (await b.StatusAsync(id, history: true))!["historyEvents"]!.AsArray();
            Assert.Single(history, e => (string?)e!["EventType"] == "ExecutionStarted");
            Assert.Single(history, e => (string?)e!["EventType"] == "ExecutionCompleted");
            var tasks = activities.Where(s => s.InstanceId == id).GroupBy(s => s.TaskId).ToList();
            // validate, warm start, 2 training blocks, 2 batches of 5 ensemble members, decompose, write.
            Assert.True(tasks.Count == 8, $"{id}: {tasks.Count} tasks; failures: {string.Join(" | ", history.Where(e => (string?)e!["EventType"] == "TaskFailed").Select(e => e!.ToJsonString()))}");
            Assert.All(tasks, t => Assert.Single(t));
        }
        var listed = JsonNode.Parse(await a.Http.GetStringAsync("runtime/webhooks/durabletask/instances?instanceIdPrefix=mmm-scale-"))!.AsArray();
        Assert.Equal(ids.Order(), listed.Select(n => (string)n!["instanceId"]!).Order());
    }

    [Fact]
    public async Task When_one_of_two_processes_is_killed_mid_training_its_runs_finish_on_the_other()
    {
        var hub = AzuriteFixture.NewHub();
        var container = AzuriteFixture.Unique("kill-");
        await using var victim = HostProcess.Start(azurite, hub, container, "victim", output);
        await using var survivor = HostProcess.Start(azurite, hub, container, "survivor", output);
        var ids = await UploadRunsAsync(container, "kill", 2, seed => TestPanels.Synthetic(regions: 4, weeks: 80, seed: 80 + seed),
            CrashRecoveryEndToEndTests.LongConfig);

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!victim.InFlight().Any(a => a.Name == "TrainOuterIteration" && a.TaskId >= 4) && DateTime.UtcNow < deadline) await Task.Delay(50);
        var inFlight = Assert.Single(victim.InFlight());
        var status = await survivor.StatusAsync(inFlight.InstanceId);
        await victim.KillAsync();
        var killedAt = DateTime.UtcNow;
        // The tasks the kill may interrupt: what the victim had started and not finished when it died (the task seen
        // above may have finished and the next one started between that look and the kill), and the task seen above
        // itself: it may have finished on the victim, its result not yet committed when the process died, and then
        // run again on the survivor (the engine delivers at least once).
        var atDeath = victim.InFlight().Select(a => (a.InstanceId, a.TaskId)).ToList();
        var interrupted = atDeath.Append((inFlight.InstanceId, inFlight.TaskId)).ToHashSet();
        Assert.Equal("Running", (string?)status!["runtimeStatus"]);
        output.WriteLine($"killed the victim with {inFlight.Name} task {inFlight.TaskId} of {inFlight.InstanceId} in flight (at its death: {string.Join(", ", atDeath.Select(t => $"task {t.TaskId} of {t.InstanceId}"))})");

        foreach (var id in ids)
            Assert.Equal("Completed", (string?)(await survivor.WaitAsync(id, HostProcess.IsFinished, "a finished run", TimeSpan.FromMinutes(5)))["runtimeStatus"]);
        var resumed = survivor.Started.First(a => a.InstanceId == inFlight.InstanceId && a.TaskId >= inFlight.TaskId && a.SeenAt > killedAt);
        output.WriteLine($"recovery: {(resumed.SeenAt - killedAt).TotalSeconds:F1} s from the kill to {resumed.Name} task {resumed.TaskId} starting on the survivor");

        foreach (var id in ids)
        {
            var starts = victim.Started.Concat(survivor.Started).Where(a => a.InstanceId == id).GroupBy(a => a.TaskId).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Enumerable.Range(0, starts.Count), starts.Keys.Order());
            // Every task once, except those the kill interrupted: twice (once if one had just finished, its log line lost with the process).
            Assert.All(starts, s => Assert.InRange(s.Value, 1, interrupted.Contains((id, s.Key)) ? 2 : 1));
        }
        Assert.Contains(victim.Started, a => a.InstanceId == inFlight.InstanceId); // the killed process had taken part in that run
    }
}
