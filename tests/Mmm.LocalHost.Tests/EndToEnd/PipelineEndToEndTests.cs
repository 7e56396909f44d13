using System.Net;
using System.Text.Json.Nodes;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;
using Parquet;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>Drop files into the input container of a real local pipeline on Azurite and follow them through the HTTP API.</summary>
public class PipelineEndToEndTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private BlobRunStore Store => new(fixture.Pipeline.Blobs);

    [Fact]
    public async Task A_dropped_panel_runs_to_completion_and_its_outputs_follow_the_contract()
    {
        var panel = TestPanels.Synthetic();
        var (id, _) = await fixture.UploadAsync("e2e-happy.parquet", await TestPanels.ParquetAsync(panel));
        var (codes, body) = await fixture.WaitAsync(id);

        Assert.Contains(202, codes); // seen Running (or Pending) before Completed
        Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("MmmOrchestrator", body["name"]!.GetValue<string>());
        Assert.EndsWith("Z", body["createdTime"]!.GetValue<string>());
        var outputUri = body["output"]!["outputUri"]!.GetValue<string>();
        Assert.EndsWith($"/mmm-output/e2e-happy/{id}", outputUri);
        Assert.True(await Store.ExistsAsync($"{outputUri}/_SUCCESS"));

        var fit = await OutputTables.Fit.ReadAsync(await Store.ReadAsync($"{outputUri}/{OutputTables.FitFile}"), default);
        var decomposition = await OutputTables.Decomposition.ReadAsync(await Store.ReadAsync($"{outputUri}/{OutputTables.DecompositionFile}"), default);
        Assert.Equal(panel.RowCount, fit.Count);
        var sums = decomposition.GroupBy(d => (d.Region, d.Date)).ToDictionary(g => g.Key, g => g.Sum(d => d.Contribution));
        Assert.All(fit, f => Assert.True(Math.Abs(sums[(f.Region, f.Date)] - f.Predicted) <= 1e-6 * Math.Max(1, Math.Abs(f.Predicted))));

        // The files are plain Parquet with logical types: DATE for dates, strings for names.
        await using var reader = await ParquetReader.CreateAsync(await Store.ReadAsync($"{outputUri}/{OutputTables.DecompositionFile}"),
            new ParquetOptions { UseDateOnlyTypeForDates = true });
        Assert.Equal(["region", "date", "component_type", "component", "contribution"], reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(typeof(DateOnly), reader.Schema.GetDataFields()[1].ClrType);
        var summary = SummaryJson.Deserialize((await Store.ReadTextIfExistsAsync($"{outputUri}/summary.json"))!);
        Assert.Equal(id, summary.InstanceId);
        Assert.True(summary.Dag.Acyclic);

        // channels.parquet: one row per channel and split; the media columns are spend.
        var channels = await OutputTables.Channels.ReadAsync(await Store.ReadAsync($"{outputUri}/{OutputTables.ChannelsFile}"), default);
        Assert.Equal(panel.ChannelCount * 3, channels.Count);
        for (int c = 0; c < panel.ChannelCount; c++)
        {
            var all = channels.Single(r => r.Channel == panel.Channels[c] && r.Split == "all").Values;
            double spend = Enumerable.Range(0, panel.Present.Length).Where(i => panel.Present[i]).Sum(i => panel.Media[i * panel.ChannelCount + c]);
            Assert.Equal(spend, all.Spend!.Value, 6);
            Assert.Equal(all.Contribution / spend, all.Roas!.Value, 9);
            Assert.Equal(all.Roas, summary.Channels[c].All.Roas);
            // The posterior ensemble ran as FitRefits activities and reached WriteOutputFiles: every channel has its interval.
            Assert.NotNull(all.ShareOfActualLow);
            Assert.InRange(all.ShareOfActual!.Value, all.ShareOfActualLow!.Value - 1e-9, all.ShareOfActualHigh!.Value + 1e-9);
        }
        var adjacency = await OutputTables.Adjacency.ReadAsync(await Store.ReadAsync($"{outputUri}/{OutputTables.AdjacencyFile}"), default);
        Assert.All(adjacency, a => Assert.InRange(a.Probability!.Value, 0, 1));
        Assert.Contains(summary.HealthChecks, h => h.Check == HealthCheckNames.NegativeBaseline && h.Status == HealthStatus.Pass);
        var final = body["customStatus"]!;
        Assert.Equal(20, final["membersDone"]!.GetValue<int>());
        Assert.Equal(20, final["members"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_run_config_with_a_lift_test_calibrates_the_run_and_summary_json_reports_the_test_next_to_the_model()
    {
        var panel = TestPanels.Synthetic();
        var (id, _) = await fixture.UploadAsync("e2e-lift.parquet", await TestPanels.ParquetAsync(panel, LiftTestConfig(panel, panel.Channels[0])));
        var (_, body) = await fixture.WaitAsync(id);

        Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
        var outputUri = body["output"]!["outputUri"]!.GetValue<string>();
        var summary = SummaryJson.Deserialize((await Store.ReadTextIfExistsAsync($"{outputUri}/summary.json"))!);
        var test = Assert.Single(summary.LiftTests);
        Assert.Equal((panel.Channels[0], panel.Dates[10], panel.Dates[17], panel.RegionCount * 8), (test.Channel, test.Start, test.End, test.Rows));
        Assert.Equal(panel.Regions, test.Regions);
        var decomposition = await OutputTables.Decomposition.ReadAsync(await Store.ReadAsync($"{outputUri}/{OutputTables.DecompositionFile}"), default);
        double model = decomposition.Where(d => d.Component == test.Channel && d.Date >= test.Start && d.Date <= test.End).Sum(d => d.Contribution);
        Assert.Equal(model, test.ModelLift, Math.Abs(model) * 1e-9);
        Assert.Equal((model - test.Lift) / test.StandardError, test.ZScore, 9);
        Assert.NotNull(summary.EffectiveConfig!["liftTests"]);
    }

    /// <summary>The test config with one lift test of <paramref name="channel"/> over weeks 10-17 of every region.</summary>
    private static string LiftTestConfig(Panel panel, string channel) =>
        TestPanels.TinyConfig[..^1] + $$""", "liftTests": [{"channel": "{{channel}}", "start": "{{panel.Dates[10]:yyyy-MM-dd}}", "end": "{{panel.Dates[17]:yyyy-MM-dd}}", "lift": 1000, "se": 100}]}""";

    [Fact]
    public async Task A_panel_overwritten_while_its_run_trains_leaves_that_run_on_its_original_bytes_and_runs_the_new_bytes_on_their_own()
    {
        var panel = TestPanels.Synthetic(seed: 60);
        var (first, _) = await fixture.UploadAsync("e2e-overwritten.parquet", await TestPanels.ParquetAsync(panel));
        await fixture.WaitForPhaseAsync(first, Phases.WarmStart, Phases.Training, Phases.Refits); // past ValidateAndScale
        var (second, _) = await fixture.UploadAsync("e2e-overwritten.parquet", await TestPanels.ParquetAsync(TestPanels.WithKpiTimes(panel, 2)));
        // The first run had its output activity still ahead of it when its blob changed.
        var during = (await fixture.StatusAsync(first))!;
        Assert.Equal("Running", during["runtimeStatus"]!.GetValue<string>());
        Assert.Contains(during["customStatus"]!["phase"]!.GetValue<string>(), new[] { Phases.WarmStart, Phases.Training, Phases.Refits });

        var kpi = TestPanels.KpiByRow(panel);
        foreach (var (id, factor) in new[] { (first, 1.0), (second, 2.0) })
        {
            var (_, body) = await fixture.WaitAsync(id);
            Assert.True(body["runtimeStatus"]!.GetValue<string>() == "Completed", $"{id}: {body["output"]?.ToJsonString()}");
            var outputUri = body["output"]!["outputUri"]!.GetValue<string>();
            var fit = await OutputTables.Fit.ReadAsync(await Store.ReadAsync($"{outputUri}/{OutputTables.FitFile}"), default);
            Assert.Equal(kpi.Count, fit.Count);
            Assert.All(fit, row => Assert.Equal(factor * kpi[(row.Region, row.Date)], row.Actual, 1e-9 * Math.Max(1, Math.Abs(row.Actual))));
        }
    }

    [Fact]
    public async Task The_same_blob_seen_twice_is_one_instance()
    {
        var bytes = await TestPanels.ParquetAsync(TestPanels.Synthetic(seed: 11));
        var (id, _) = await fixture.UploadAsync("e2e-twice.parquet", bytes);
        await fixture.WaitAsync(id);
        // Let the watcher rescan the container a few times; a direct duplicate start is a no-op too.
        await Task.Delay(3 * (int)fixture.Settings.ScanInterval.TotalMilliseconds);
        Assert.False(await fixture.Pipeline.Client.StartAsync("MmmOrchestrator", id, null));
        var list = await fixture.Http.GetAsync("runtime/webhooks/durabletask/instances?instanceIdPrefix=mmm-e2e-twice-");
        var instances = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray();
        Assert.Single(instances);
    }

    [Fact]
    public async Task Five_files_at_once_make_five_completed_runs()
    {
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
            ids.Add((await fixture.UploadAsync($"e2e-five-{i}.parquet", await TestPanels.ParquetAsync(TestPanels.Synthetic(seed: (ulong)(20 + i))))).InstanceId);
        foreach (var id in ids)
        {
            var (_, body) = await fixture.WaitAsync(id);
            Assert.True(body["runtimeStatus"]!.GetValue<string>() == "Completed", $"{id}: {body["output"]?.ToJsonString()}");
        }
        Assert.Equal(5, ids.Distinct().Count());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "not-parquet", ErrorCodes.NotParquet, "not a readable Parquet file" },
        { "negative-media", ErrorCodes.NegativeMedia, "negative" },
        { "gap", ErrorCodes.Gap, "region 'r01'" },
        { "unknown-key", ErrorCodes.UnknownConfigKey, "epochz" },
        { "too-short", ErrorCodes.TooShort, "fewer than the" },
        { "constant-control", ErrorCodes.ConstantControl, "control column 'control_price' is constant (10) over the training weeks" },
        { "kpi-and-target", ErrorCodes.AmbiguousRole, "both 'kpi' and 'target_price'" },
        { "lift-test-channel", ErrorCodes.BadConfig, "'media_print', which is not a media channel of this file" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_fails_with_a_clear_message_and_error_json_and_leaves_the_input_alone(string name, string code, string messagePart)
    {
        var panel = TestPanels.Synthetic();
        byte[] bytes = name switch
        {
            "not-parquet" => "region,date,kpi\nr1,2024-01-01,3\n"u8.ToArray(),
            "negative-media" => await TestPanels.ParquetAsync(TestPanels.WithMedia(panel, 1, 10, 0, -3)),
            "gap" => await TestPanels.ParquetAsync(TestPanels.WithGap(panel, 0, 20)),
            "unknown-key" => await TestPanels.ParquetAsync(panel, """{"epochz": 3}"""),
            "constant-control" => await TestPanels.ParquetAsync(TestPanels.WithConstantControl(panel, 0, 10)),
            "kpi-and-target" => await TestPanels.ParquetAsync(TestPanels.WithControlNames(panel, "target_price", "control_promo")),
            "lift-test-channel" => await TestPanels.ParquetAsync(panel, LiftTestConfig(panel, "media_print")),
            _ => await TestPanels.ParquetAsync(TestPanels.Synthetic(weeks: 12)),
        };
        var blobName = $"e2e-bad-{name}.parquet";
        var (id, etag) = await fixture.UploadAsync(blobName, bytes);
        var (_, body) = await fixture.WaitAsync(id);

        Assert.Equal("Failed", body["runtimeStatus"]!.GetValue<string>());
        var message = body["output"]!.ToString();
        Assert.Contains(code, message);
        Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
        var prefix = Store.Uri("mmm-output", $"e2e-bad-{name}/{id}");
        var error = JsonNode.Parse((await Store.ReadTextIfExistsAsync($"{prefix}/error.json"))!)!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.Equal(id, error["instanceId"]!.GetValue<string>());
        Assert.False(await Store.ExistsAsync($"{prefix}/_SUCCESS"));
        // The input blob is untouched and the host keeps serving.
        var properties = await fixture.Input.GetBlobClient(blobName).GetPropertiesAsync();
        Assert.Equal(etag, properties.Value.ETag.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync(PipelineFixture.StatusPath("mmm-nothing-000000000000"))).StatusCode);
    }

    [Fact]
    public async Task A_loss_that_goes_non_finite_fails_the_run_with_the_epoch_and_the_term_in_error_json()
    {
        var config = """{"hidden": 8, "epochs": 20, "warmStartEpochs": 0, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10, "device": "cpu", "learningRate": 1e30}""";
        var (id, _) = await fixture.UploadAsync("e2e-diverged.parquet", await TestPanels.ParquetAsync(TestPanels.Synthetic(), config));
        var (_, body) = await fixture.WaitAsync(id);

        Assert.Equal("Failed", body["runtimeStatus"]!.GetValue<string>());
        var prefix = Store.Uri("mmm-output", $"e2e-diverged/{id}");
        var error = JsonNode.Parse((await Store.ReadTextIfExistsAsync($"{prefix}/error.json"))!)!;
        Assert.Equal("training_diverged", error["code"]!.GetValue<string>());
        Assert.Matches(@"^training diverged: the loss is \S+ at training epoch 2; its first non-finite term is '\w+'",
            error["message"]!.GetValue<string>());
        Assert.Contains("training epoch 2", body["output"]!.ToString());
        Assert.False(await Store.ExistsAsync($"{prefix}/_SUCCESS"));
    }

    [Fact]
    public async Task Api_answers_404_for_unknown_ids_410_for_terminating_finished_runs_and_pages_with_a_continuation_header()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync(PipelineFixture.StatusPath("mmm-unknown-123456789012"))).StatusCode);
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
            ids.Add((await fixture.UploadAsync($"e2e-page-{i}.parquet", await TestPanels.ParquetAsync(TestPanels.Synthetic(seed: (ulong)(40 + i))))).InstanceId);
        foreach (var id in ids) await fixture.WaitAsync(id);

        var terminate = await fixture.Http.PostAsync($"runtime/webhooks/durabletask/instances/{ids[0]}/terminate?reason=test", null);
        Assert.Equal(HttpStatusCode.Gone, terminate.StatusCode);

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "runtime/webhooks/durabletask/instances?instanceIdPrefix=mmm-e2e-page-&top=2");
            if (token is not null) request.Headers.Add("x-ms-continuation-token", token);
            var response = await fixture.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(n => n!["instanceId"]!.GetValue<string>()));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        } while (token is not null);
        Assert.Equal(2, pages);
        Assert.Equal(ids.Order(), seen.Order());
    }
}
