using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Lab.Synthetic;

namespace Mmm.LocalHost.Tests.Commands;

/// <summary>The `mmm fit` command as a user runs it: a process, exit codes, messages, files.</summary>
public class FitCommandTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");

    private static Task<(int Code, string Out, string Err)> MmmAsync(params string[] args) =>
        MmmCli.RunWithAsync(new Dictionary<string, string> { ["MMM_LOG_LEVEL"] = "Warning" }, args);

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"mmm-cli-{Guid.NewGuid():N}"[..20], name);

    [Fact]
    public async Task Fit_writes_the_contract_files_and_refuses_to_overwrite_a_finished_run()
    {
        var config = Temp("tiny.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllTextAsync(config, """{"hidden": 8, "epochs": 20, "warmStartEpochs": 2, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10}""");
        var outDir = Temp("out");

        var (code, stdout, _) = await MmmAsync("fit", Path.Combine(Data, "pymc-example.parquet"), "--out", outDir, "--config", config);
        Assert.Equal(0, code);
        Assert.Contains("naive: last 13 weeks", stdout);
        Assert.Contains("media_x1", stdout);
        foreach (var file in new[] { "decomposition.parquet", "fit.parquet", "adjacency.parquet", "training_history.parquet", "channels.parquet", "summary.json", "_SUCCESS" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        var summary = SummaryJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")));
        Assert.Equal(179, summary.Input.Rows);
        Assert.Null(summary.InstanceId);
        // The pipeline's keys (its orchestrator adds refits when they outlast training).
        Assert.Equal(["scaling", "warm_start", "training", "decomposing"], summary.TimingsSeconds.Keys);
        await ChannelsMatchTheInputAndTheFitAsync(outDir, summary);

        var again = await MmmAsync("fit", Path.Combine(Data, "pymc-example.parquet"), "--out", outDir, "--config", config);
        Assert.Equal(1, again.Code);
        Assert.Contains("_SUCCESS", again.Err);
    }

    [Fact]
    public async Task Generate_ships_simulated_lift_tests_in_the_file_and_fit_calibrates_to_them_and_prints_them()
    {
        var panelPath = Temp("calibrated.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(panelPath)!);
        var generated = await MmmAsync("generate", panelPath, "--scenario", "one-region-short", "--lift-tests", "0.15");
        Assert.True(generated.Code == 0, generated.Err);
        Assert.Equal(3, generated.Out.Split('\n').Count(l => l.TrimStart().StartsWith("lift test")));
        PanelReadResult read;
        await using (var input = File.OpenRead(panelPath))
            read = await PanelReader.ReadAsync(input, "calibrated.parquet");
        Assert.Equal(["media_tv", "media_online", "media_zero"], read.Config.LiftTests.Select(t => t.Channel));

        var outDir = Temp("calibrated-out");
        var (code, stdout, stderr) = await MmmAsync("fit", panelPath, "--out", outDir); // the file's own run config
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("lift test"));
        Assert.True(header > 0, stdout);
        Assert.Equal(["media_tv", "media_online", "media_zero"], lines[(header + 1)..(header + 4)].Select(l => l.Trim().Split(' ')[0]));
        var summary = SummaryJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")));
        Assert.Equal(read.Config.LiftTests.Select(t => t.Lift), summary.LiftTests.Select(t => t.Lift));
    }

    /// <summary>channels.parquet read back: spend is the input's media (media_* columns are spend), shares and ROAS follow from the other files.</summary>
    private static async Task ChannelsMatchTheInputAndTheFitAsync(string outDir, RunSummary summary)
    {
        var channels = await OutputTables.Channels.ReadAsync(Path.Combine(outDir, "channels.parquet"), default);
        var fit = await OutputTables.Fit.ReadAsync(Path.Combine(outDir, "fit.parquet"), default);
        var decomposition = await OutputTables.Decomposition.ReadAsync(Path.Combine(outDir, "decomposition.parquet"), default);
        PanelReadResult read;
        await using (var input = File.OpenRead(Path.Combine(Data, "pymc-example.parquet")))
            read = await PanelReader.ReadAsync(input, "pymc-example.parquet");
        var panel = read.Panel;
        var splitOf = fit.ToDictionary(f => f.Date, f => f.Split);

        Assert.Equal(["media_x1", "media_x2"], channels.Select(c => c.Channel).Distinct());
        Assert.Equal(["train", "holdout", "all", "train", "holdout", "all"], channels.Select(c => c.Split));
        for (int c = 0; c < panel.ChannelCount; c++)
            foreach (var split in new[] { "train", "holdout", "all" })
            {
                bool In(DateOnly d) => split == "all" || splitOf[d] == split;
                var row = channels.Single(r => r.Channel == panel.Channels[c] && r.Split == split);
                double spend = Enumerable.Range(0, panel.PeriodCount).Where(t => In(panel.Dates[t])).Sum(t => panel.MediaAt(0, t, c));
                double contribution = decomposition.Where(d => d.Component == panel.Channels[c] && In(d.Date)).Sum(d => d.Contribution);
                Assert.Equal(spend, row.Values.Spend!.Value, 9);
                Assert.Equal(contribution, row.Values.Contribution, 9);
                Assert.Equal(contribution / spend, row.Values.Roas!.Value, 9);
                Assert.Equal(100 * contribution / fit.Where(f => In(f.Date)).Sum(f => f.Actual), row.Values.ShareOfActual!.Value, 9);
                Assert.Equal(100 * contribution / fit.Where(f => In(f.Date)).Sum(f => f.Predicted), row.Values.ShareOfPredicted!.Value, 9);
            }
        var x1 = summary.Channels.Single(s => s.Channel == "media_x1");
        Assert.Equal(SpendBases.Column, x1.SpendBasis);
        Assert.Equal(channels.Single(r => r.Channel == "media_x1" && r.Split == "holdout").Values.Roas, x1.Holdout.Roas);
    }

    [Fact]
    public async Task A_folder_with_a_finished_run_is_refused_before_the_input_is_even_read()
    {
        var outDir = Temp("done");
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, "_SUCCESS"), "");
        // An input that cannot train (not Parquet): reading it would exit 3, training it never gets that far.
        var bad = Path.Combine(Path.GetDirectoryName(outDir)!, "broken.parquet");
        await File.WriteAllTextAsync(bad, "date,kpi\n2024-01-01,3\n");

        var (code, _, stderr) = await MmmAsync("fit", bad, "--out", outDir);

        Assert.Equal(1, code);
        Assert.Contains("already holds a completed run (_SUCCESS exists); refusing to overwrite it", stderr);
        Assert.DoesNotContain("not_parquet", stderr);
        Assert.Equal(["_SUCCESS"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_panel_without_controls_fits()
    {
        var dir = Temp("");
        Directory.CreateDirectory(dir);
        var panel = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = 2, Weeks = 60, Controls = [] }).Panel;
        var input = Path.Combine(dir, "no-controls.parquet");
        await using (var stream = File.Create(input))
            await PanelParquetWriter.WriteAsync(panel, stream, """{"hidden": 8, "epochs": 10, "warmStartEpochs": 2, "notearsWarmupEpochs": 5, "notearsDualUpdateEvery": 5}""");

        var (code, _, stderr) = await MmmAsync("fit", input, "--out", Path.Combine(dir, "out"));

        Assert.True(code == 0, stderr);
        var summary = SummaryJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(dir, "out", "summary.json")));
        Assert.Empty(summary.Input.Controls);
    }

    [Fact]
    public async Task A_loss_that_goes_non_finite_exits_4_naming_the_epoch_and_the_term_and_writes_error_json()
    {
        var config = Temp("absurd.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllTextAsync(config, """{"hidden": 8, "epochs": 20, "warmStartEpochs": 0, "learningRate": 1e30}""");
        var outDir = Temp("out");

        var (code, _, stderr) = await MmmAsync("fit", Path.Combine(Data, "pymc-example.parquet"), "--out", outDir, "--config", config);

        Assert.Equal(4, code);
        Assert.Matches(@"error \[training_diverged\]: pymc-example\.parquet: training diverged: the loss is \S+ at training epoch \d+; its first non-finite term is '\w+'", stderr);
        Assert.Contains("Lower learningRate", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(["error.json"], Directory.GetFiles(outDir).Select(Path.GetFileName));
        var error = await ErrorJsonAsync(outDir);
        Assert.Equal("training_diverged", error.Code);
        Assert.StartsWith("training diverged: the loss is ", error.Message);
        Assert.Contains(error.Message, stderr);
        Assert.Null(error.Details);
        Assert.Null(error.InstanceId);
    }

    [Fact]
    public async Task Bad_input_exits_3_with_the_problem_and_where_and_no_stack_trace()
    {
        var bad = Temp("broken.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        await File.WriteAllTextAsync(bad, "date,kpi\n2024-01-01,3\n");
        var outDir = Temp("out");
        var (code, _, stderr) = await MmmAsync("fit", bad, "--out", outDir);
        Assert.Equal(3, code);
        Assert.Contains("error [not_parquet]: broken.parquet: not a readable Parquet file", stderr);
        Assert.DoesNotContain("   at ", stderr);
        // The pipeline's error.json, without an instance id.
        Assert.Equal(["error.json"], Directory.GetFiles(outDir).Select(Path.GetFileName));
        var error = await ErrorJsonAsync(outDir);
        Assert.Equal("not_parquet", error.Code);
        Assert.Equal("broken.parquet", error.Details!["file"]);
        Assert.Null(error.InstanceId);
        Assert.Contains(error.Message, stderr);
    }

    [Fact]
    public async Task A_fit_after_a_rejected_one_replaces_its_error_json()
    {
        var outDir = Temp("out");
        var bad = Path.Combine(Path.GetDirectoryName(outDir)!, "broken.parquet");
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(bad, "date,kpi\n2024-01-01,3\n");
        Assert.Equal(3, (await MmmAsync("fit", bad, "--out", outDir)).Code);
        var input = Path.Combine(Path.GetDirectoryName(outDir)!, "small.parquet");
        var panel = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = 2, Weeks = 60 }).Panel;
        await using (var stream = File.Create(input))
            await PanelParquetWriter.WriteAsync(panel, stream, """{"hidden": 8, "epochs": 10, "warmStartEpochs": 2, "notearsWarmupEpochs": 5, "notearsDualUpdateEvery": 5, "ensembleEpochs": 100}""");

        var (code, _, stderr) = await MmmAsync("fit", input, "--out", outDir);

        Assert.True(code == 0, stderr);
        Assert.False(File.Exists(Path.Combine(outDir, "error.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "_SUCCESS")));
    }

    private static async Task<ErrorReport> ErrorJsonAsync(string outDir) =>
        System.Text.Json.JsonSerializer.Deserialize<ErrorReport>(await File.ReadAllTextAsync(Path.Combine(outDir, "error.json")), SummaryJson.Options)!;

    [Fact]
    public async Task Unknown_commands_and_options_print_usage_and_exit_2()
    {
        var (code, _, stderr) = await MmmAsync("fit", "x.parquet", "--outt", "y");
        Assert.Equal(2, code);
        Assert.Contains("unknown option --outt", stderr);
        Assert.Contains("usage: mmm", stderr);
    }
}
