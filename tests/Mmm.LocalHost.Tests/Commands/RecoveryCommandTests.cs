using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mmm.LocalHost.Tests.Commands;

/// <summary>
/// `mmm recovery` as a script runs it. A tiny model stands in for the default one (the benchmark itself is a
/// command, not a test): what is checked is the output's form, its determinism and the usage errors.
/// </summary>
public partial class RecoveryCommandTests
{
    private const string Tiny = """{"hidden": 8, "epochs": 20, "warmStartEpochs": 2, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10}""";

    [GeneratedRegex(@"^suite: mean share error \d+\.\d pp \(worst scenario\), worst channel \d+\.\d pp, zero-effect (\d+\.\d %|n/a), ROAS error (\d+ %|n/a), SHD \d+, holdout WAPE below naive \d+/\d+(, intervals hold the truth \d+/\d+)?$")]
    private static partial Regex ClosingLine();


    /// <summary>Timings are the only lines allowed to differ between two runs.</summary>
    private static string[] WithoutTimings(string stdout) =>
        stdout.Split('\n').Select(l => Regex.Replace(l, @"\d+\.\d s wall, \d+\.\d s CPU|wall time \d+ s, CPU time \d+ s|planned and scored in \d+\.\d s|written to \S+", "<time>")).ToArray();

    [Fact]
    public async Task Prints_a_block_per_fit_and_the_closing_line_the_same_way_twice()
    {
        var json = MmmCli.TempFile("mmm-recovery", "results.json");
        var first = await MmmCli.RunAsync("recovery", "--scenario", "one-region-short,pymc-example", "--config", Tiny, "--seeds", "2", "--out", json);
        Assert.True(first.Code == 0, first.Err);
        var lines = first.Out.TrimEnd().Split('\n');
        Assert.Matches(ClosingLine(), lines[^1]);
        // 2 scenarios x 2 seeds; 2 channels with an effect in each.
        Assert.Matches(@"holdout WAPE below naive \d/4, intervals hold the truth \d/8$", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("[1/2] one-region-short: 1 region x 80 weeks"));
        // The self-check is on in the benchmark: every fit reports its intervals against the truth and against its simulations.
        Assert.Equal(4, lines.Count(l => Regex.IsMatch(l, @"^  intervals hold the truth \d/2 \(median width \d+\.\d\d pp\); self-check on 10 simulated panels: ")));
        Assert.Contains(lines, l => l.StartsWith("[2/2] pymc-example: 1 region x 179 weeks"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("media_zero (zero)"));
        Assert.Contains(lines, l => l.Contains("one-region-short over 2 seeds: largest share movement"));
        Assert.Contains(lines, l => l.StartsWith("  holdout WAPE") && l.Contains("vs best naive"));
        Assert.Contains(lines, l => l.StartsWith("  DAG: planted none; selected"));

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var scenarios = document.RootElement.GetProperty("scenarios");
        Assert.Equal(4, scenarios.GetArrayLength());
        Assert.Equal([42, 43, 42, 43], scenarios.EnumerateArray().Select(s => s.GetProperty("seed").GetInt32()));
        Assert.Equal(3, scenarios[0].GetProperty("channels").GetArrayLength());
        Assert.Equal(lines[^1], document.RootElement.GetProperty("closingLine").GetString());

        var second = await MmmCli.RunAsync("recovery", "--scenario", "one-region-short,pymc-example", "--config", Tiny, "--seeds", "2", "--out", MmmCli.TempFile("mmm-recovery", "again.csv"));
        Assert.Equal(0, second.Code);
        Assert.Equal(WithoutTimings(first.Out), WithoutTimings(second.Out));
    }

    [Fact]
    public async Task With_lift_tests_every_fit_is_calibrated_and_prints_its_tests_next_to_the_truth()
    {
        var json = MmmCli.TempFile("mmm-recovery", "calibrated.json");
        var run = await MmmCli.RunAsync("recovery", "--scenario", "one-region-short", "--config", Tiny, "--lift-tests", "0.15", "--out", json);

        Assert.True(run.Code == 0, run.Err);
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Contains("calibrated to simulated lift tests, one per channel, se 15 % of the true lift (at least 0.5 % of the tested rows' KPI)", lines[0]);
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("lift test"));
        Assert.True(header > 0, run.Out);
        Assert.Equal(["media_tv", "media_online", "media_zero"], lines[(header + 1)..(header + 4)].Select(l => l.Trim().Split(' ')[0]));
        Assert.Matches(ClosingLine(), lines[^1]);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var tests = document.RootElement.GetProperty("scenarios")[0].GetProperty("liftTests");
        Assert.Equal(3, tests.GetArrayLength());
        Assert.Equal(0.0, tests[2].GetProperty("trueLift").GetDouble()); // the zero-effect channel's
        Assert.True(tests[2].GetProperty("standardError").GetDouble() > 0, "the floor gives the null channel's test a finite se");
        double tvLift = tests[0].GetProperty("trueLift").GetDouble();
        Assert.Equal(0.15 * tvLift, tests[0].GetProperty("standardError").GetDouble(), 1e-6 * tvLift); // TV's test is set by the fraction
    }

    [Theory]
    [InlineData("unknown scenario 'nope'", "--scenario", "nope")]
    [InlineData("--out must end in .csv or .json", "--out", "results.txt")]
    [InlineData("--seeds must be at least 1", "--seeds", "0")]
    [InlineData("column roles", "--config", """{"media": ["media_tv"]}""")]
    [InlineData("unknown option --scenarios", "--scenarios", "funnel")]
    [InlineData("--lift-tests takes the tests' standard error as a fraction of the true lift, between 0 and 1, e.g. 0.15 (got '5')", "--lift-tests", "5")]
    public async Task Usage_errors_exit_2_before_anything_trains(string message, params string[] args)
    {
        var (code, stdout, stderr) = await MmmCli.RunAsync(["recovery", .. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("[1/", stdout);
    }

    [Fact]
    public async Task A_bad_config_key_is_named()
    {
        var (code, _, stderr) = await MmmCli.RunAsync("recovery", "--config", """{"hiden": 64}""");
        Assert.Equal(3, code);
        Assert.Contains("hiden", stderr);
    }
}
