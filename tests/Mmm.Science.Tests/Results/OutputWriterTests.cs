using System.Text.Json;
using System.Text.Json.Nodes;
using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

public class OutputWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"mmm-out-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Target => Path.Combine(_root, "mmm-output", "sample", "mmm-sample-0123456789ab");

    private string[] Siblings() => Directory.GetFileSystemEntries(Path.GetDirectoryName(Target)!).Select(f => Path.GetFileName(f)).ToArray();

    [Fact]
    public async Task Writes_every_file_and_success_last_with_no_partial_left()
    {
        await OutputWriter.WriteAsync(Target, SampleOutputs.Create());

        var files = Directory.GetFiles(Target).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["_SUCCESS", "adjacency.parquet", "channels.parquet", "decomposition.parquet", "fit.parquet", "summary.json", "training_history.parquet"], files);
        Assert.Equal(0, new FileInfo(Path.Combine(Target, "_SUCCESS")).Length);
        var success = File.GetLastWriteTimeUtc(Path.Combine(Target, "_SUCCESS"));
        Assert.All(Directory.GetFiles(Target), f => Assert.True(File.GetLastWriteTimeUtc(f) <= success, $"{f} is newer than _SUCCESS"));
        Assert.Equal([Path.GetFileName(Target)], Siblings());
    }

    [Fact]
    public async Task Rows_and_summary_round_trip()
    {
        var outputs = SampleOutputs.Create();
        await OutputWriter.WriteAsync(Target, outputs);
        var read = await OutputReader.ReadAsync(Target);

        Assert.Equal(outputs.Decomposition, read.Decomposition);
        Assert.Equal(outputs.Fit, read.Fit);
        Assert.Equal(outputs.Adjacency, read.Adjacency);
        Assert.Equal(outputs.History, read.History);
        Assert.Equal(outputs.Channels, read.Channels);
        Assert.Null(read.History[1].HoldoutR2);
        Assert.Equal(3_000_000_000L, read.History[1].ElapsedMs);

        Assert.Equal(SummaryJson.Serialize(outputs.Summary), SummaryJson.Serialize(read.Summary));
        Assert.Equal("mmm-sample-0123456789ab", read.Summary.InstanceId);
        Assert.Equal(1500, read.Summary.EffectiveConfig!["epochs"]!.GetValue<int>());
    }

    [Fact]
    public async Task Summary_json_is_camel_case_and_indented()
    {
        await OutputWriter.WriteAsync(Target, SampleOutputs.Create());
        string text = await File.ReadAllTextAsync(Path.Combine(Target, "summary.json"));
        Assert.Contains("\n  \"instanceId\": \"mmm-sample-0123456789ab\"", text);

        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["instanceId", "input", "effectiveConfig", "metrics", "channels", "responseCurves", "liftTests", "roiPriors", "selfCheck", "healthChecks", "dag", "timingsSeconds", "device", "versions"], json.Select(p => p.Key));
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
            "shareOfActualLow", "shareOfActualHigh", "roasLow", "roasHigh"], json["channels"]![0]!["all"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["channel", "adstockDecay", "hillSlope", "hillHalfSaturation", "elasticityAtMean"], json["responseCurves"]![1]!.AsObject().Select(p => p.Key));
        Assert.Equal(2.25, json["responseCurves"]![1]!["hillSlope"]!.GetValue<double>());
        var lift = json["liftTests"]![0]!.AsObject();
        Assert.Equal(["channel", "start", "end", "regions", "rows", "lift", "standardError", "modelLift", "zScore"], lift.Select(p => p.Key));
        Assert.Equal(("2024-01-08", "2024-01-15", -1.5), (lift["start"]!.GetValue<string>(), lift["end"]!.GetValue<string>(), lift["zScore"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Refuses_to_overwrite_a_completed_run()
    {
        await OutputWriter.WriteAsync(Target, SampleOutputs.Create());
        var before = File.GetLastWriteTimeUtc(Path.Combine(Target, "fit.parquet"));

        var e = await Assert.ThrowsAsync<IOException>(() => OutputWriter.WriteAsync(Target, SampleOutputs.Create()));
        Assert.Contains("_SUCCESS", e.Message);
        Assert.Contains("refusing to overwrite", e.Message);
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(Target, "fit.parquet")));
        Assert.Equal([Path.GetFileName(Target)], Siblings());
    }

    [Fact]
    public async Task Replaces_the_folder_of_an_earlier_failed_attempt()
    {
        await OutputWriter.WriteErrorAsync(Target, "training_failed", "out of memory", null, "mmm-sample-0123456789ab");
        await OutputWriter.WriteAsync(Target, SampleOutputs.Create());

        Assert.False(File.Exists(Path.Combine(Target, "error.json")));
        Assert.True(File.Exists(Path.Combine(Target, "_SUCCESS")));
        Assert.Equal([Path.GetFileName(Target)], Siblings());
    }

    [Fact]
    public async Task Cancelled_write_leaves_nothing_behind()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OutputWriter.WriteAsync(Target, SampleOutputs.Create(), cts.Token));
        Assert.False(Directory.Exists(Target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public async Task Failed_write_leaves_nothing_behind()
    {
        var outputs = SampleOutputs.Create();
        var bad = outputs with { Fit = [new FitRow(null!, new DateOnly(2020, 1, 6), 1, 1, SplitLabels.Train)] };
        await Assert.ThrowsAsync<ArgumentException>(() => OutputWriter.WriteAsync(Target, bad));
        Assert.False(Directory.Exists(Target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public async Task Error_json_has_code_message_details_and_instance_id_and_no_success()
    {
        await OutputWriter.WriteErrorAsync(Target, "invalid_input", "column 'date' is missing", new { file = "sample.parquet", column = "date" }, "mmm-sample-0123456789ab");

        Assert.Equal(["error.json"], Directory.GetFiles(Target).Select(f => Path.GetFileName(f)));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Target, "error.json")))!.AsObject();
        Assert.Equal(["code", "message", "details", "instanceId"], json.Select(p => p.Key));
        Assert.Equal("invalid_input", json["code"]!.GetValue<string>());
        Assert.Equal("column 'date' is missing", json["message"]!.GetValue<string>());
        Assert.Equal("date", json["details"]!["column"]!.GetValue<string>());
        Assert.Equal("mmm-sample-0123456789ab", json["instanceId"]!.GetValue<string>());

        var report = await OutputReader.ReadErrorAsync(Path.Combine(Target, "error.json"));
        Assert.Equal("invalid_input", report.Code);
    }

    [Fact]
    public async Task Error_json_allows_null_details_and_instance_id()
    {
        await OutputWriter.WriteErrorAsync(Target, "cancelled", "stopped by the user", null, null);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Target, "error.json")))!.AsObject();
        Assert.Equal(JsonValueKind.Null, json["details"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.True(json.ContainsKey("details"));
        Assert.True(json.ContainsKey("instanceId"));
        Assert.Null(json["instanceId"]);
    }

    [Fact]
    public async Task Error_is_refused_for_a_completed_run()
    {
        await OutputWriter.WriteAsync(Target, SampleOutputs.Create());
        await Assert.ThrowsAsync<IOException>(() => OutputWriter.WriteErrorAsync(Target, "late", "too late", null, null));
        Assert.False(File.Exists(Path.Combine(Target, "error.json")));
    }

    [Fact]
    public async Task Reader_refuses_an_incomplete_folder()
    {
        await OutputWriter.WriteErrorAsync(Target, "x", "y", null, null);
        await Assert.ThrowsAsync<InvalidDataException>(() => OutputReader.ReadAsync(Target));
    }

    [Fact]
    public async Task Empty_tables_round_trip()
    {
        var outputs = SampleOutputs.Create() with { Decomposition = [], History = [] };
        await OutputWriter.WriteAsync(Target, outputs);
        var read = await OutputReader.ReadAsync(Target);
        Assert.Empty(read.Decomposition);
        Assert.Empty(read.History);
        Assert.Equal(outputs.Fit, read.Fit);
    }
}
