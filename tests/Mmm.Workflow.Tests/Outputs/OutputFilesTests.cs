using System.Text.Json;
using System.Text.Json.Nodes;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Science.Tests.Results;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Tests.Outputs;

/// <summary>The one output writer on a local folder (as <c>mmm fit</c> uses it): real files, read back.</summary>
public class OutputFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"mmm-out-{Guid.NewGuid():N}");
    private readonly FileRunStore _store = new();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Target => Path.Combine(_root, "mmm-output", "sample", "mmm-sample-0123456789ab");

    private string[] FilesOf(string dir) => Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    private Task WriteAsync(FitOutputs outputs) => OutputFiles.WriteAsync(_store, Target, outputs, default);

    private Task WriteErrorAsync(string code, string message, IReadOnlyDictionary<string, string?>? details, string? instanceId) =>
        OutputFiles.WriteErrorAsync(_store, Target, new RunError(code, message, details), instanceId, default);

    [Fact]
    public async Task Writes_every_file_and_success_last_with_no_temporary_file_left()
    {
        await WriteAsync(SampleOutputs.Create());

        Assert.Equal(["_SUCCESS", "adjacency.parquet", "channels.parquet", "decomposition.parquet", "fit.parquet", "summary.json", "training_history.parquet"],
            FilesOf(Target));
        Assert.Equal(0, new FileInfo(Path.Combine(Target, "_SUCCESS")).Length);
        var success = File.GetLastWriteTimeUtc(Path.Combine(Target, "_SUCCESS"));
        Assert.All(Directory.GetFiles(Target), f => Assert.True(File.GetLastWriteTimeUtc(f) <= success, $"{f} is newer than _SUCCESS"));
    }

    [Fact]
    public async Task Rows_and_summary_round_trip()
    {
        var outputs = SampleOutputs.Create();
        await WriteAsync(outputs);

        Assert.Equal(outputs.Decomposition, await OutputTables.Decomposition.ReadAsync(Path.Combine(Target, OutputTables.DecompositionFile), default));
        Assert.Equal(outputs.Fit, await OutputTables.Fit.ReadAsync(Path.Combine(Target, OutputTables.FitFile), default));
        Assert.Equal(outputs.Adjacency, await OutputTables.Adjacency.ReadAsync(Path.Combine(Target, OutputTables.AdjacencyFile), default));
        Assert.Equal(outputs.Channels, await OutputTables.Channels.ReadAsync(Path.Combine(Target, OutputTables.ChannelsFile), default));
        var history = await OutputTables.History.ReadAsync(Path.Combine(Target, OutputTables.HistoryFile), default);
        Assert.Equal(outputs.History, history);
        Assert.Null(history[1].HoldoutR2);
        Assert.Equal(3_000_000_000L, history[1].ElapsedMs);

        var summary = SummaryJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Target, OutputTables.SummaryFile)));
        Assert.Equal(SummaryJson.Serialize(outputs.Summary), SummaryJson.Serialize(summary));
        Assert.Equal("mmm-sample-0123456789ab", summary.InstanceId);
        Assert.Equal(1500, summary.EffectiveConfig!["epochs"]!.GetValue<int>());
    }

    [Fact]
    public async Task Summary_json_is_camel_case_and_indented()
    {
        await WriteAsync(SampleOutputs.Create());
        string text = await File.ReadAllTextAsync(Path.Combine(Target, "summary.json"));
        Assert.Contains("\n  \"instanceId\": \"mmm-sample-0123456789ab\"", text);

        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["instanceId", "input", "effectiveConfig", "metrics", "channels", "responseCurves", "liftTests", "roiPriors", "selfCheck", "healthChecks", "dag", "plan", "timingsSeconds", "device", "versions"], json.Select(p => p.Key));
        Assert.Null(json["input"]!["etag"]);
        Assert.Equal(["uri", "etag", "rows", "regions", "periods", "channels", "controls", "absentCells", "ignoredColumns"], json["input"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["mode", "finalH", "rho", "alpha", "threshold", "selectedEdges", "acyclic", "removedEdges"], json["dag"]!.AsObject().Select(p => p.Key));
        Assert.Equal("tv", json["dag"]!["selectedEdges"]![0]!["target"]!.GetValue<string>());
        Assert.NotNull(json["metrics"]!["train"]!["pooledR2"]);
        Assert.NotNull(json["metrics"]!["baselines"]!["regionTrainMean"]);
        Assert.Equal(12.25, json["timingsSeconds"]!["training"]!.GetValue<double>());
        Assert.Equal("0.107.0", json["versions"]!["TorchSharp"]!.GetValue<string>());
        Assert.Equal(["channel", "spendBasis", "costPerUnit", "train", "holdout", "all"], json["channels"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["contribution", "shareOfActual", "shareOfPredicted", "spend", "roas", "contributionLow", "contributionHigh",
            "shareOfActualLow", "shareOfActualHigh", "roasLow", "roasHigh", "totalContribution", "totalContributionLow", "totalContributionHigh",
            "totalRoas", "totalRoasLow", "totalRoasHigh"], json["channels"]![0]!["all"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["channel", "adstockDecay", "hillSlope", "hillHalfSaturation", "elasticityAtMean"], json["responseCurves"]![1]!.AsObject().Select(p => p.Key));
        Assert.Equal(2.25, json["responseCurves"]![1]!["hillSlope"]!.GetValue<double>());
        var lift = json["liftTests"]![0]!.AsObject();
        Assert.Equal(["channel", "start", "end", "regions", "rows", "lift", "standardError", "modelLift", "zScore"], lift.Select(p => p.Key));
        Assert.Equal(("2024-01-08", "2024-01-15", -1.5), (lift["start"]!.GetValue<string>(), lift["end"]!.GetValue<string>(), lift["zScore"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Refuses_to_overwrite_a_completed_run()
    {
        await WriteAsync(SampleOutputs.Create());
        var before = File.GetLastWriteTimeUtc(Path.Combine(Target, "fit.parquet"));

        var e = await Assert.ThrowsAsync<IOException>(() => WriteAsync(SampleOutputs.Create()));
        Assert.Contains("already holds a completed run (_SUCCESS exists); refusing to overwrite it", e.Message);
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(Target, "fit.parquet")));
    }

    [Fact]
    public async Task Outputs_replace_the_error_json_of_an_earlier_failed_attempt()
    {
        await WriteErrorAsync(ErrorCodes.TrainingFailed, "out of memory", null, "mmm-sample-0123456789ab");
        await WriteAsync(SampleOutputs.Create());

        Assert.False(File.Exists(Path.Combine(Target, "error.json")));
        Assert.True(File.Exists(Path.Combine(Target, "_SUCCESS")));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_success_and_no_temporary_file()
    {
        var outputs = SampleOutputs.Create();
        var bad = outputs with { Fit = [new FitRow(null!, new DateOnly(2020, 1, 6), 1, 1, SplitLabels.Train)] };
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(bad));
        Assert.Equal(["decomposition.parquet"], FilesOf(Target));
    }

    [Fact]
    public async Task Error_json_has_code_message_details_and_instance_id_and_no_success()
    {
        await WriteErrorAsync(ErrorCodes.MissingColumn, "column 'date' is missing",
            new Dictionary<string, string?> { ["file"] = "sample.parquet", ["column"] = "date", ["row"] = null }, "mmm-sample-0123456789ab");

        Assert.Equal(["error.json"], FilesOf(Target));
        var text = await File.ReadAllTextAsync(Path.Combine(Target, "error.json"));
        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["code", "message", "details", "instanceId"], json.Select(p => p.Key));
        Assert.Equal("missing_column", json["code"]!.GetValue<string>());
        Assert.Equal("column 'date' is missing", json["message"]!.GetValue<string>());
        Assert.Equal(["file", "column", "row"], json["details"]!.AsObject().Select(p => p.Key));
        Assert.Equal("date", json["details"]!["column"]!.GetValue<string>());
        Assert.Null(json["details"]!["row"]);
        Assert.Equal("mmm-sample-0123456789ab", json["instanceId"]!.GetValue<string>());
        Assert.Contains("\n  \"code\": \"missing_column\"", text);

        var report = JsonSerializer.Deserialize<ErrorReport>(text, SummaryJson.Options)!;
        Assert.Equal(("missing_column", "sample.parquet"), (report.Code, report.Details!["file"]));
    }

    [Fact]
    public async Task Error_json_allows_null_details_and_instance_id()
    {
        await WriteErrorAsync(ErrorCodes.TrainingDiverged, "training diverged", null, null);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Target, "error.json")))!.AsObject();
        Assert.True(json.ContainsKey("details"));
        Assert.Null(json["details"]);
        Assert.True(json.ContainsKey("instanceId"));
        Assert.Null(json["instanceId"]);
    }

    [Fact]
    public async Task Error_is_refused_for_a_completed_run()
    {
        await WriteAsync(SampleOutputs.Create());
        await Assert.ThrowsAsync<IOException>(() => WriteErrorAsync("late", "too late", null, null));
        Assert.False(File.Exists(Path.Combine(Target, "error.json")));
    }

    [Fact]
    public async Task Commit_refuses_a_folder_missing_a_data_file()
    {
        await OutputFiles.WriteAllButSuccessAsync(_store, Target, SampleOutputs.Create(), default);
        File.Delete(Path.Combine(Target, OutputTables.ChannelsFile));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => OutputFiles.CommitAsync(_store, Target, default));
        Assert.Contains("channels.parquet", e.Message);
        Assert.False(File.Exists(Path.Combine(Target, "_SUCCESS")));
    }

    [Fact]
    public async Task Empty_tables_round_trip()
    {
        var outputs = SampleOutputs.Create() with { Decomposition = [], History = [] };
        await WriteAsync(outputs);
        Assert.Empty(await OutputTables.Decomposition.ReadAsync(Path.Combine(Target, OutputTables.DecompositionFile), default));
        Assert.Empty(await OutputTables.History.ReadAsync(Path.Combine(Target, OutputTables.HistoryFile), default));
        Assert.Equal(outputs.Fit, await OutputTables.Fit.ReadAsync(Path.Combine(Target, OutputTables.FitFile), default));
    }
}
