using System.Text.Json;
using Mmm.Science.Data;
using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Tests;

public class PlannerReplayTests
{
    private const string Run = "http://127.0.0.1:10000/devstoreaccount1/mmm-output/sales/mmm-sales-0123456789ab";
    private static readonly PlanInput Input = new("q1", Run, $"{Run}/plans/q1.json", "\"0x1\"", $"{Run}/plans/plan-q1-abcdefabcdef");
    private static readonly PlanOutput Planned = new(Input.OutputPrefix, "allocation", "max_kpi", 1000, 5200, 5000, 200, 50, 350, 0.93);

    [Fact]
    public async Task A_plan_is_one_activity_and_replays_from_its_history()
    {
        var live = new ScriptedContext("plan-q1-abcdefabcdef", Input, [], (name, _) => name == ActivityNames.PlanBudget ? new PlanBudgetResult(Planned, null) : true);
        var output = await MmmPlanner.RunAsync(live);
        Assert.Equal(Planned, output);
        Assert.Equal([ActivityNames.PlanBudget], live.Recorded.Select(e => e.Name));
        Assert.Equal(Input, live.Recorded[0].Input.Deserialize<PlanInput>(ScriptedContext.Json));
        Assert.Contains(Phases.Planning, live.Statuses[0]);

        var recorded = JsonSerializer.Deserialize<List<HistoryEntry>>(JsonSerializer.Serialize(live.Recorded, ScriptedContext.Json), ScriptedContext.Json)!;
        var replay = new ScriptedContext("plan-q1-abcdefabcdef", Input, recorded);
        var replayed = MmmPlanner.RunAsync(replay);
        Assert.True(replayed.IsCompletedSuccessfully);
        Assert.Null(replay.Pending);
        Assert.Equal(output, await replayed);
        Assert.Equal(live.Statuses, replay.Statuses);
    }

    [Fact]
    public async Task A_request_that_cannot_be_met_writes_its_error_and_fails_with_its_code()
    {
        var refused = new RunError(ErrorCodes.BadPlan, "channel 'radio' is not in the model", new Dictionary<string, string?> { ["field"] = "bounds" });
        var ctx = new ScriptedContext("plan-q1-abcdefabcdef", Input, [], (name, _) => name == ActivityNames.PlanBudget ? new PlanBudgetResult(null, refused) : true);
        var failed = await Assert.ThrowsAsync<RunFailedException>(() => MmmPlanner.RunAsync(ctx));
        Assert.Equal(ErrorCodes.BadPlan, failed.Error.Code);
        Assert.Equal([ActivityNames.PlanBudget, ActivityNames.WritePlanFailure], ctx.Recorded.Select(e => e.Name));
        var failure = ctx.Recorded[1].Input.Deserialize<PlanFailureInput>(ScriptedContext.Json)!;
        Assert.Equal(Input.OutputPrefix, failure.Plan.OutputPrefix);
        Assert.Equal("channel 'radio' is not in the model", failure.Error.Message);
    }

    [Fact]
    public async Task An_activity_that_crashes_fails_the_plan_as_plan_failed_with_its_error_json()
    {
        var crashed = new HistoryEntry(ActivityNames.PlanBudget, default, null, "model.json is truncated");
        var ctx = new ScriptedContext("plan-q1-abcdefabcdef", Input, [crashed], (_, _) => true);
        var failed = await Assert.ThrowsAsync<RunFailedException>(() => MmmPlanner.RunAsync(ctx));
        Assert.Equal(ErrorCodes.PlanFailed, failed.Error.Code);
        Assert.Contains("model.json is truncated", failed.Error.Message);
        Assert.Equal(ActivityNames.WritePlanFailure, ctx.Recorded[^1].Name);
    }
}
