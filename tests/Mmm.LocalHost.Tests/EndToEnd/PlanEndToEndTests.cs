using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>
/// The planner orchestration on a real local pipeline: a finished run, then plans asked over HTTP and by dropping a request next
/// to the run, each written to its own folder under plans/ while the run's own files stay as they were.
/// </summary>
public class PlanEndToEndTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private BlobRunStore Store => new(fixture.Pipeline.Blobs);
    private BlobContainerClient Output => fixture.Pipeline.Blobs.GetBlobContainerClient(fixture.Settings.OutputContainer);

    [Fact]
    public async Task Plans_of_a_finished_run_are_written_beside_it_and_bad_requests_fail_with_their_code()
    {
        var panel = TestPanels.Synthetic();
        var (runId, _) = await fixture.UploadAsync("e2e-plan.parquet", await TestPanels.ParquetAsync(panel));
        var (_, run) = await fixture.WaitAsync(runId);
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        var runUri = run["output"]!["outputUri"]!.GetValue<string>();
        var runFiles = await ListAsync($"e2e-plan/{runId}/");

        // Over HTTP: bounds around current spend (the budget defaults to the current plan's), 202 with the plan instance's payload.
        var asked = await fixture.Http.PostAsync($"api/runs/{runId}/plans?name=q1", Json("""{"defaultBounds": {"min": 0.5, "max": 2}}"""));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var planId = (await asked.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Matches("^plan-q1-[0-9a-f]{12}$", planId);
        var (_, planned) = await fixture.WaitAsync(planId);
        Assert.Equal("Completed", planned["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(MmmPlanner.Name, planned["name"]!.GetValue<string>());
        var planUri = planned["output"]!["outputUri"]!.GetValue<string>();
        Assert.Equal($"{runUri}/plans/{planId}", planUri);
        Assert.True(await Store.ExistsAsync($"{planUri}/{OutputTables.SuccessFile}"));
        var budget = await OutputTables.Budget.ReadAsync(await Store.ReadAsync($"{planUri}/{OutputTables.BudgetFile}"), default);
        Assert.Equal(panel.ChannelCount, budget.Count);
        Assert.Equal(budget.Sum(b => b.CurrentSpend), budget.Sum(b => b.RecommendedSpend), 6);
        Assert.All(budget, b => Assert.InRange(b.RecommendedSpend, 0.5 * b.CurrentSpend - 1e-6, 2 * b.CurrentSpend + 1e-6));
        var plan = JsonNode.Parse((await Store.ReadTextIfExistsAsync($"{planUri}/{OutputTables.PlanFile}"))!)!;
        Assert.Equal(budget.Sum(b => b.CurrentSpend), plan["budget"]!.GetValue<double>(), 6);
        Assert.True(plan["gain"]!["mean"]!.GetValue<double>() >= -1e-9, "the plan is at least as good as the current one under the model");
        Assert.Equal(planned["output"]!["gain"]!.GetValue<double>(), plan["gain"]!["mean"]!.GetValue<double>(), 9);

        // A channel the model does not know: the plan starts (only the model can tell) and fails with bad_plan and its error.json.
        var unknown = await fixture.Http.PostAsync($"api/runs/{runId}/plans?name=radio", Json("""{"bounds": {"radio": {"max": 2}}}"""));
        var unknownId = (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var (_, refused) = await fixture.WaitAsync(unknownId);
        Assert.Equal("Failed", refused["runtimeStatus"]!.GetValue<string>());
        var error = JsonNode.Parse((await Store.ReadTextIfExistsAsync($"{runUri}/plans/{unknownId}/{OutputTables.ErrorFile}"))!)!;
        Assert.Equal(ErrorCodes.BadPlan, error["code"]!.GetValue<string>());
        Assert.Contains("'radio'", error["message"]!.GetValue<string>());
        Assert.False(await Store.ExistsAsync($"{runUri}/plans/{unknownId}/{OutputTables.SuccessFile}"));

        // Bounds that exclude the budget: plan_infeasible.
        var tight = await fixture.Http.PostAsync($"api/runs/{runId}/plans?name=tight", Json("""{"budget": 1e9, "defaultBounds": {"max": 1.1}}"""));
        var tightId = (await tight.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal("Failed", (await fixture.WaitAsync(tightId)).Body["runtimeStatus"]!.GetValue<string>());
        var infeasible = JsonNode.Parse((await Store.ReadTextIfExistsAsync($"{runUri}/plans/{tightId}/{OutputTables.ErrorFile}"))!)!;
        Assert.Equal(ErrorCodes.PlanInfeasible, infeasible["code"]!.GetValue<string>());

        // What the route can judge alone is answered at once.
        var negative = await fixture.Http.PostAsync($"api/runs/{runId}/plans", Json("""{"budget": -1}"""));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("budget", (await negative.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        var missing = await fixture.Http.PostAsync("api/runs/mmm-nothing-0123456789ab/plans", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // A request dropped next to the run is picked up by the plan watcher.
        var dropped = PlanInputs.RequestBlobName(runId, "dropped");
        var upload = await Output.GetBlobClient(dropped).UploadAsync(BinaryData.FromString("{}"), overwrite: true);
        var droppedId = fixture.Pipeline.Plans.Plan(dropped, upload.Value.ETag.ToString()).InstanceId;
        var (_, droppedPlan) = await fixture.WaitAsync(droppedId);
        Assert.Equal("Completed", droppedPlan["runtimeStatus"]!.GetValue<string>());
        Assert.True(await Store.ExistsAsync($"{runUri}/plans/{droppedId}/{OutputTables.BudgetFile}"));

        // The run's own files are exactly as the run left them: same names, same versions.
        var after = await ListAsync($"e2e-plan/{runId}/");
        Assert.Equal(runFiles, after.Where(f => !f.Key.Contains("/plans/")).ToDictionary());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<Dictionary<string, string>> ListAsync(string prefix)
    {
        var files = new Dictionary<string, string>();
        await foreach (var blob in Output.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, default)) files[blob.Name] = blob.Properties.ETag.ToString()!;
        return files;
    }
}
