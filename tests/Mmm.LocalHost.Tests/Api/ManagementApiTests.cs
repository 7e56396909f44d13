using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mmm.LocalHost.Api;
using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Tests.Api;

public class ManagementApiTests : IAsyncLifetime
{
    private const string Hook = "/runtime/webhooks/durabletask";
    private readonly RecordingOrchestrationClient client = new();
    private ApiHost host = null!;

    public async Task InitializeAsync() =>
        host = await ApiHost.StartAsync(new ManagementApiOptions { Client = client, HubName = "testhub" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Unknown_instance_is_404()
    {
        var response = await host.Http.GetAsync($"{Hook}/instances/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Running_instance_is_202_with_location_and_the_durable_functions_body()
    {
        client.Add(RecordingOrchestrationClient.State("run-1", RuntimeStatus.Running,
            new DateTime(2026, 3, 1, 10, 0, 0, 123, DateTimeKind.Utc),
            input: new JsonObject { ["dataset"] = "sales" }, customStatus: new JsonObject { ["phase"] = "training", ["percent"] = 40 }));
        var url = $"{Hook}/instances/run-1?showInput=true";
        var response = await host.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri(new Uri(host.BaseUrl), url), response.Headers.Location);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(raw)!.AsObject();
        Assert.Equal("MmmOrchestrator", (string?)body["name"]);
        Assert.Equal("run-1", (string?)body["instanceId"]);
        Assert.Equal("Running", (string?)body["runtimeStatus"]);
        Assert.Equal("sales", (string?)body["input"]!["dataset"]); // embedded JSON, not a string
        Assert.Equal("training", (string?)body["customStatus"]!["phase"]);
        Assert.True(body.ContainsKey("output"));
        Assert.Null(body["output"]);
        Assert.Equal("2026-03-01T10:00:00Z", (string?)body["createdTime"]);
        Assert.Equal("2026-03-01T10:05:00Z", (string?)body["lastUpdatedTime"]);
        Assert.False(body.ContainsKey("historyEvents"));
        Assert.Contains("\"instanceId\":", raw); // camelCase on the wire
    }

    [Theory]
    [InlineData(RuntimeStatus.Pending, HttpStatusCode.Accepted)]
    [InlineData(RuntimeStatus.Suspended, HttpStatusCode.Accepted)]
    [InlineData(RuntimeStatus.Completed, HttpStatusCode.OK)]
    [InlineData(RuntimeStatus.Terminated, HttpStatusCode.OK)]
    [InlineData(RuntimeStatus.Failed, HttpStatusCode.OK)]
    public async Task Status_codes_follow_the_runtime_status(RuntimeStatus status, HttpStatusCode expected)
    {
        client.Add(RecordingOrchestrationClient.State("s-1", status));
        var response = await host.Http.GetAsync($"{Hook}/instances/s-1");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Accepted, response.Headers.Location is not null);
        Assert.Equal(status.ToString(), (string?)(await Json(response))["runtimeStatus"]);
    }

    [Fact]
    public async Task Completed_is_200_with_the_output_embedded()
    {
        client.Add(RecordingOrchestrationClient.State("done-1", RuntimeStatus.Completed,
            output: new JsonObject { ["outputUri"] = "http://x/mmm-output/a/done-1", ["trainR2"] = 0.91 }));
        var response = await host.Http.GetAsync($"{Hook}/instances/done-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await Json(response);
        Assert.Equal(0.91, (double)body["output"]!["trainR2"]!);
    }

    [Fact]
    public async Task Failed_is_200_unless_a_500_is_asked_for()
    {
        client.Add(RecordingOrchestrationClient.State("bad-1", RuntimeStatus.Failed, output: "validation_failed: no KPI column"));
        var plain = await host.Http.GetAsync($"{Hook}/instances/bad-1");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var asked = await host.Http.GetAsync($"{Hook}/instances/bad-1?returnInternalServerErrorOnFailure=true");
        Assert.Equal(HttpStatusCode.InternalServerError, asked.StatusCode);
        Assert.Equal("validation_failed: no KPI column", (string?)(await Json(asked))["output"]);
        var notAsked = await host.Http.GetAsync($"{Hook}/instances/bad-1?returnInternalServerErrorOnFailure=false");
        Assert.Equal(HttpStatusCode.OK, notAsked.StatusCode);
    }

    [Fact]
    public async Task ShowInput_false_hides_the_input_and_showHistory_adds_events()
    {
        client.Add(RecordingOrchestrationClient.State("h-1", RuntimeStatus.Completed, input: new JsonObject { ["a"] = 1 }));
        var hidden = await Json(await host.Http.GetAsync($"{Hook}/instances/h-1?showInput=false"));
        Assert.Null(hidden["input"]);
        var history = (await Json(await host.Http.GetAsync($"{Hook}/instances/h-1?showHistory=true&showHistoryOutput=true"))).AsObject();
        var events = history["historyEvents"]!.AsArray();
        Assert.Single(events);
        Assert.True((bool)events[0]!["showHistoryOutput"]!);
        Assert.Equal(1, (int)history["input"]!["a"]!);
    }

    [Fact]
    public async Task Terminate_is_202_running_410_finished_404_unknown()
    {
        client.Add(RecordingOrchestrationClient.State("t-run", RuntimeStatus.Running));
        client.Add(RecordingOrchestrationClient.State("t-done", RuntimeStatus.Completed));
        var running = await host.Http.PostAsync($"{Hook}/instances/t-run/terminate?reason=user%20asked", null);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Contains(("t-run", (string?)"user asked"), client.Terminations);
        Assert.Equal(RuntimeStatus.Terminated, client.Instances["t-run"].RuntimeStatus);

        Assert.Equal(HttpStatusCode.Gone, (await host.Http.PostAsync($"{Hook}/instances/t-done/terminate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.Http.PostAsync($"{Hook}/instances/t-run/terminate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync($"{Hook}/instances/t-none/terminate", null)).StatusCode);
    }

    [Fact]
    public async Task Purge_is_200_with_the_count_or_404()
    {
        client.Add(RecordingOrchestrationClient.State("p-1", RuntimeStatus.Completed));
        var purged = await host.Http.DeleteAsync($"{Hook}/instances/p-1");
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal("""{"instancesDeleted":1}""", await purged.Content.ReadAsStringAsync());
        Assert.False(client.Instances.ContainsKey("p-1"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.DeleteAsync($"{Hook}/instances/p-1")).StatusCode);
    }

    [Fact]
    public async Task List_pages_with_the_continuation_header()
    {
        var t0 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 6; i++) client.Add(RecordingOrchestrationClient.State($"mmm-sales-{i}", RuntimeStatus.Completed, t0.AddHours(i)));

        var seen = new List<string>();
        string? token = null;
        var headers = new List<bool>();
        for (int page = 0; page < 3; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Hook}/instances?top=2");
            if (token is not null) request.Headers.Add("x-ms-continuation-token", token);
            var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = (await Json(response)).AsArray();
            Assert.Equal(2, items.Count);
            seen.AddRange(items.Select(x => (string)x!["instanceId"]!));
            Assert.All(items, x => Assert.EndsWith("Z", (string)x!["createdTime"]!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            headers.Add(token is not null);
        }
        Assert.Equal([true, true, false], headers);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"mmm-sales-{i}"), seen);
        Assert.All(client.Queries, q => Assert.Equal(2, q.PageSize));
        Assert.Equal([null, "2", "4"], client.Queries.Select(q => q.ContinuationToken));
    }

    [Fact]
    public async Task List_forwards_prefix_status_and_time_filters()
    {
        client.Add(RecordingOrchestrationClient.State("mmm-a-1", RuntimeStatus.Running, input: new JsonObject { ["x"] = 1 }));
        client.Add(RecordingOrchestrationClient.State("mmm-a-2", RuntimeStatus.Failed));
        client.Add(RecordingOrchestrationClient.State("mmm-a-3", RuntimeStatus.Completed));
        client.Add(RecordingOrchestrationClient.State("mmm-b-1", RuntimeStatus.Running));

        var response = await host.Http.GetAsync(
            $"{Hook}/instances?instanceIdPrefix=mmm-a-&runtimeStatus=Running,completed&createdTimeFrom=2026-01-01T00:00:00Z&createdTimeTo=2026-12-31T00:00:00Z&showInput=false");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-ms-continuation-token"));
        var items = (await Json(response)).AsArray();
        Assert.Equal(["mmm-a-1", "mmm-a-3"], items.Select(x => (string)x!["instanceId"]!).Order());
        Assert.All(items, x => Assert.Null(x!["input"]));

        var query = client.Queries.Last();
        Assert.Equal("mmm-a-", query.InstanceIdPrefix);
        Assert.Equal([RuntimeStatus.Running, RuntimeStatus.Completed], query.Statuses!);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), query.CreatedFrom);
        Assert.Equal(DateTimeKind.Utc, query.CreatedFrom!.Value.Kind);
        Assert.Equal(new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc), query.CreatedTo);
        Assert.False(query.ShowInput);

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync($"{Hook}/instances?runtimeStatus=Sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync($"{Hook}/instances?top=0")).StatusCode);
    }

    [Fact]
    public async Task Start_route_answers_202_with_the_check_status_payload()
    {
        var response = await host.Http.PostAsync($"{Hook}/orchestrators/MmmOrchestrator",
            new StringContent("""{"dataset":"sales","inputUri":"http://x/in/sales.parquet"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await Json(response)).AsObject();
        var id = (string)body["id"]!;
        Assert.Matches("^[0-9a-f]{32}$", id); // a new GUID in N format
        Assert.Equal(["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri"],
            body.Select(p => p.Key));
        var status = (string)body["statusQueryGetUri"]!;
        Assert.Equal($"{host.BaseUrl}{Hook}/instances/{id}?taskHub=testhub&connection=Storage", status);
        Assert.Equal($"{host.BaseUrl}{Hook}/instances/{id}/terminate?reason={{text}}&taskHub=testhub&connection=Storage", (string)body["terminatePostUri"]!);
        Assert.Equal($"{host.BaseUrl}{Hook}/instances/{id}/raiseEvent/{{eventName}}?taskHub=testhub&connection=Storage", (string)body["sendEventPostUri"]!);
        Assert.Equal(new Uri(status), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);

        var start = Assert.Single(client.Starts);
        Assert.Equal(MmmOrchestrator.Name, start.OrchestratorName);
        Assert.Equal(id, start.InstanceId);
        Assert.Equal("sales", (string?)Assert.IsAssignableFrom<JsonNode>(start.Input)["dataset"]);

        // The status URI works.
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.GetAsync(status)).StatusCode);
    }

    [Fact]
    public async Task Start_route_takes_an_explicit_id_and_is_idempotent()
    {
        var first = await host.Http.PostAsync($"{Hook}/orchestrators/mmmorchestrator/my-run-1", new StringContent("{}", Encoding.UTF8, "application/json"));
        var second = await host.Http.PostAsync($"{Hook}/orchestrators/MmmOrchestrator/my-run-1", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("my-run-1", (string?)(await Json(first))["id"]);
        Assert.Equal(MmmOrchestrator.Name, client.Starts[0].OrchestratorName); // the registered spelling
        Assert.Null(client.Starts[1].Input);
        Assert.Equal(1, client.Created);
    }

    [Fact]
    public async Task Start_route_rejects_unknown_orchestrators_and_bad_bodies()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync($"{Hook}/orchestrators/Nope", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.PostAsync($"{Hook}/orchestrators/MmmOrchestrator", new StringContent("{oops"))).StatusCode);
        Assert.Empty(client.Starts);
    }

    [Fact]
    public async Task Suspend_and_resume_are_202_running_410_finished_404_unknown()
    {
        client.Add(RecordingOrchestrationClient.State("sr-run", RuntimeStatus.Running));
        client.Add(RecordingOrchestrationClient.State("sr-done", RuntimeStatus.Completed));
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"{Hook}/instances/sr-run/suspend?reason=pause", null)).StatusCode);
        Assert.Equal(RuntimeStatus.Suspended, client.Instances["sr-run"].RuntimeStatus);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.GetAsync($"{Hook}/instances/sr-run")).StatusCode); // Suspended polls like Running
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"{Hook}/instances/sr-run/resume?reason=go", null)).StatusCode);
        Assert.Equal(RuntimeStatus.Running, client.Instances["sr-run"].RuntimeStatus);
        Assert.Equal(HttpStatusCode.Gone, (await host.Http.PostAsync($"{Hook}/instances/sr-done/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.Http.PostAsync($"{Hook}/instances/sr-done/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync($"{Hook}/instances/sr-none/suspend", null)).StatusCode);
    }

    [Fact]
    public async Task Raise_event_takes_a_json_body_and_answers_like_durable_functions()
    {
        client.Add(RecordingOrchestrationClient.State("ev-run", RuntimeStatus.Running));
        client.Add(RecordingOrchestrationClient.State("ev-done", RuntimeStatus.Failed));
        StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"{Hook}/instances/ev-run/raiseEvent/approve", Json("""{"ok":true}"""))).StatusCode);
        Assert.Equal(("ev-run", "approve", (string?)"""{"ok":true}"""), Assert.Single(client.Events));
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.PostAsync($"{Hook}/instances/ev-run/raiseEvent/approve",
            new StringContent("ok", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.PostAsync($"{Hook}/instances/ev-run/raiseEvent/approve", Json("{oops"))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.Http.PostAsync($"{Hook}/instances/ev-done/raiseEvent/approve", Json("1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync($"{Hook}/instances/ev-none/raiseEvent/approve", Json("1"))).StatusCode);
        Assert.Single(client.Events);
    }

    [Fact]
    public void Times_are_utc_with_Z()
    {
        var unspecified = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Unspecified);
        var local = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc).ToLocalTime();
        var json = InstanceJson.From(new InstanceState(MmmOrchestrator.Name, "times", RuntimeStatus.Running, null, null, null, unspecified, local));
        Assert.Equal("2026-03-01T10:00:00Z", (string?)json["createdTime"]);
        Assert.Equal("2026-03-01T10:00:00Z", (string?)json["lastUpdatedTime"]);
    }
}
