using Mmm.Science.Data;

namespace Mmm.LocalHost.Tests.Commands;

/// <summary>`mmm generate` on the suite's scenarios: the file a user gets (no training involved).</summary>
public class GenerateCommandTests
{
    private static async Task<PanelReadResult> ReadAsync(string path)
    {
        await using var input = File.OpenRead(path);
        return await PanelReader.ReadAsync(input, Path.GetFileName(path));
    }

    [Fact]
    public async Task A_scenario_with_its_own_experiment_ships_it_and_leaves_its_hidden_driver_out()
    {
        var path = MmmCli.TempFile("mmm-generate", "tested.parquet");
        var run = await MmmCli.RunAsync("generate", path, "--scenario", "unobserved-demand-tested");
        Assert.True(run.Code == 0, run.Err);
        Assert.Single(run.Out.Split('\n'), l => l.TrimStart().StartsWith("lift test  media_search"));
        var read = await ReadAsync(path);
        Assert.Equal(["control_promo"], read.Panel.Controls);
        var test = Assert.Single(read.Config.LiftTests);
        Assert.Equal("media_search", test.Channel);
        Assert.Equal(5 * 7, test.End.DayNumber - test.Start.DayNumber); // six weekly rows
        Assert.Equal(["r01", "r02"], test.Regions!);

        var withSimulated = MmmCli.TempFile("mmm-generate", "both.parquet");
        run = await MmmCli.RunAsync("generate", withSimulated, "--scenario", "unobserved-demand-tested", "--lift-tests", "0.15");
        Assert.True(run.Code == 0, run.Err);
        var both = (await ReadAsync(withSimulated)).Config.LiftTests;
        Assert.Equal(["media_search", "media_search", "media_tv", "media_social", "media_display"], both.Select(t => t.Channel));
        Assert.Equal((test.Start, test.End, test.Lift, test.StandardError), (both[0].Start, both[0].End, both[0].Lift, both[0].StandardError));
    }

    [Fact]
    public async Task A_bad_lift_test_fraction_is_a_usage_error()
    {
        var (code, _, stderr) = await MmmCli.RunAsync("generate", MmmCli.TempFile("mmm-generate", "x.parquet"), "--lift-tests", "0");
        Assert.Equal(2, code);
        Assert.Contains("fraction of the true lift", stderr);
    }
}
