using System.Text.Json.Nodes;
using Mmm.Science.Results;

namespace Mmm.LocalHost.Tests.Commands;

/// <summary>The `mmm plan` command on a finished local run: the plan's own folder, exit codes and messages, the run left alone.</summary>
public class PlanCommandTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");

    private static Task<(int Code, string Out, string Err)> MmmAsync(params string[] args) =>
        MmmCli.RunWithAsync(new Dictionary<string, string> { ["MMM_LOG_LEVEL"] = "Warning" }, args);

    [Fact]
    public async Task Plan_writes_its_folder_from_the_saved_model_and_refuses_what_cannot_be_planned()
    {
        var config = MmmCli.TempFile("mmm-plan", "tiny.json");
        await File.WriteAllTextAsync(config, """{"hidden": 8, "epochs": 20, "warmStartEpochs": 2, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10, "ensembleMembers": 4, "ensembleEpochs": 40}""");
        var runDir = Path.Combine(Path.GetDirectoryName(config)!, "run");
        Assert.Equal(0, (await MmmAsync("fit", Path.Combine(Data, "pymc-example.parquet"), "--out", runDir, "--config", config)).Code);
        var runFiles = Directory.GetFiles(runDir).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var bounds = Path.Combine(Path.GetDirectoryName(config)!, "bounds.json");
        await File.WriteAllTextAsync(bounds, """{"media_x1": {"min": 0.5, "max": 1.5}}""");
        var (code, stdout, stderr) = await MmmAsync("plan", runDir, "--bounds", bounds);
        Assert.True(code == 0, stderr);
        var planDir = Path.Combine(runDir, "plan");
        Assert.Contains($"Plan written to {planDir}", stdout);
        foreach (var file in new[] { OutputTables.BudgetFile, OutputTables.PlanFile, OutputTables.SuccessFile })
            Assert.True(File.Exists(Path.Combine(planDir, file)), file);
        var budget = await OutputTables.Budget.ReadAsync(File.OpenRead(Path.Combine(planDir, OutputTables.BudgetFile)), default);
        Assert.Equal(budget.Sum(b => b.CurrentSpend), budget.Sum(b => b.RecommendedSpend), 6);
        var x1 = Assert.Single(budget, b => b.Channel == "media_x1");
        Assert.InRange(x1.RecommendedSpend, 0.5 * x1.CurrentSpend - 1e-6, 1.5 * x1.CurrentSpend + 1e-6);
        Assert.True(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(planDir, OutputTables.PlanFile)))!["gain"]!["mean"]!.GetValue<double>() >= -1e-9);

        // A finished plan folder is not overwritten; a plan that cannot be met exits 3 saying why.
        Assert.Equal(1, (await MmmAsync("plan", runDir)).Code);
        var unknown = await MmmAsync("plan", runDir, "--bounds", await WriteAsync(Path.GetDirectoryName(config)!, """{"radio": {"max": 2}}"""), "--out", Path.Combine(runDir, "p2"));
        Assert.Equal(3, unknown.Code);
        Assert.Contains("error [bad_plan]", unknown.Err);
        Assert.Contains("'radio'", unknown.Err);
        var negative = await MmmAsync("plan", runDir, "--budget", "-5", "--out", Path.Combine(runDir, "p3"));
        Assert.Equal(3, negative.Code);
        Assert.Contains("budget", negative.Err);
        var infeasible = await MmmAsync("plan", runDir, "--budget", "1e12", "--bounds", bounds, "--out", Path.Combine(runDir, "p4"));
        Assert.Equal(3, infeasible.Code);
        Assert.Contains("error [plan_infeasible]", infeasible.Err);
        var notARun = await MmmAsync("plan", Path.GetDirectoryName(config)!, "--out", Path.Combine(runDir, "p5"));
        Assert.Equal(3, notARun.Code);
        Assert.Contains("no_saved_model", notARun.Err);
        Assert.DoesNotContain("   at ", unknown.Err + negative.Err + infeasible.Err + notARun.Err);

        Assert.Equal(runFiles, Directory.GetFiles(runDir).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    private static async Task<string> WriteAsync(string dir, string json)
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }
}
