using Azure.Storage.Blobs;
using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Tests;

/// <summary>The HTTP plan route's refusals, which both hosts answer with; the started path runs on Azurite in the LocalHost tests.</summary>
public class PlanRequestGateTests
{
    private static readonly PlanStarter Plans = new(new BlobServiceClient("UseDevelopmentStorage=true"), "mmm-output");
    private static readonly string RunId = InstanceIds.For("mmm-input", "sales.parquet", "\"0x1\"");

    private sealed class NoStarts : IOrchestrationStarter
    {
        public Task<bool> StartAsync(string orchestrator, string instanceId, object input, CancellationToken ct) =>
            throw new InvalidOperationException("a refused request must not start anything");
    }

    private static Task<PlanStartAnswer> Ask(string runId, string? name, string? body, RunState state) =>
        PlanRequestGate.StartAsync(Plans, new NoStarts(), runId, name, body, (_, _) => Task.FromResult(state));

    [Fact]
    public async Task A_bad_name_or_a_request_that_breaks_the_schema_is_400_naming_what()
    {
        var name = await Ask(RunId, "a/b", "{}", RunState.Completed);
        Assert.Equal((PlanStartOutcome.BadRequest, 400), (name.Outcome, name.HttpStatus));
        Assert.Contains("'a/b'", name.Message);

        var negative = await Ask(RunId, "q1", """{"budget": -5}""", RunState.Completed);
        Assert.Equal(400, negative.HttpStatus);
        Assert.Contains("budget", negative.Message);

        var notJson = await Ask(RunId, "q1", "{budget", RunState.Completed);
        Assert.Equal(400, notJson.HttpStatus);
        Assert.Contains("not valid JSON", notJson.Message);
    }

    [Fact]
    public async Task A_plan_needs_a_run_that_exists_and_completed()
    {
        var unknown = await Ask(RunId, "q1", null, RunState.Unknown);
        Assert.Equal((PlanStartOutcome.UnknownRun, 404), (unknown.Outcome, unknown.HttpStatus));
        Assert.Contains(RunId, unknown.Message);
        Assert.Equal(404, (await Ask("plan-q1-0123456789ab", "q1", null, RunState.Completed)).HttpStatus);

        var running = await Ask(RunId, null, null, RunState.NotCompleted);
        Assert.Equal((PlanStartOutcome.RunNotCompleted, 409), (running.Outcome, running.HttpStatus));
        Assert.Contains("has not completed", running.Message);
    }
}
