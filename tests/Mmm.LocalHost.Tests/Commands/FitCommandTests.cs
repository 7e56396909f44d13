using System.Diagnostics;
using Mmm.LocalHost.Storage;
using Mmm.Science.Results;

namespace Mmm.LocalHost.Tests.Commands;

/// <summary>The `mmm fit` command as a user runs it: a process, exit codes, messages, files.</summary>
public class FitCommandTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");

    private static async Task<(int Code, string Out, string Err)> MmmAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot.Find(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mmm.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["MMM_LOG_LEVEL"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

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
        foreach (var file in new[] { "decomposition.parquet", "fit.parquet", "adjacency.parquet", "training_history.parquet", "summary.json", "_SUCCESS" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        var summary = SummaryJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")));
        Assert.Equal(179, summary.Input.Rows);
        Assert.Null(summary.InstanceId);

        var again = await MmmAsync("fit", Path.Combine(Data, "pymc-example.parquet"), "--out", outDir, "--config", config);
        Assert.Equal(1, again.Code);
        Assert.Contains("_SUCCESS", again.Err);
    }

    [Fact]
    public async Task Bad_input_exits_3_with_the_problem_and_where_and_no_stack_trace()
    {
        var bad = Temp("broken.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        await File.WriteAllTextAsync(bad, "date,kpi\n2024-01-01,3\n");
        var (code, _, stderr) = await MmmAsync("fit", bad, "--out", Temp("out"));
        Assert.Equal(3, code);
        Assert.Contains("error [not_parquet]: broken.parquet: not a readable Parquet file", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Unknown_commands_and_options_print_usage_and_exit_2()
    {
        var (code, _, stderr) = await MmmAsync("fit", "x.parquet", "--outt", "y");
        Assert.Equal(2, code);
        Assert.Contains("unknown option --outt", stderr);
        Assert.Contains("usage: mmm", stderr);
    }
}
