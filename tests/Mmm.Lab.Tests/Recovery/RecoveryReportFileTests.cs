using System.Globalization;
using System.Text.Json;
using Mmm.Lab.Recovery;
using Mmm.Science.Results;

namespace Mmm.Lab.Tests.Recovery;

public class RecoveryReportFileTests
{
    private static readonly ScenarioScore Score = new("funnel", 43,
        [
            new ChannelScore("media_tv", 180, 150, Spend: 100, TrueShare: 0.18, ModelShare: 0.15, TrueRoas: 1.8, ModelRoas: 1.5, ZeroEffect: false,
                TrueShape: new ResponseCurve("media_tv", 0.5, 2.0, 0.9), ModelShape: new ResponseCurve("media_tv", 0.45, 1.8, 1.1)),
            new ChannelScore("media_zero", 0, 20, Spend: 50, TrueShare: 0, ModelShare: 0.02, TrueRoas: 0, ModelRoas: 0.4, ZeroEffect: true),
        ],
        TrueMediaShare: 0.18, ModelMediaShare: 0.17,
        PlantedEdges: [new("media_tv", "media_zero")], SelectedEdges: [],
        Graph: new GraphDifference(1, [new("media_tv", "media_zero")], [], []),
        HoldoutWape: 0.05, BestNaive: "last 13 weeks", BestNaiveWape: 0.07, WallSeconds: 12.5, EpochsTrained: 1500, CpuSeconds: 20,
        LiftTests: [new LiftTestScore(new LiftTestResult("media_tv", new DateOnly(2024, 3, 4), new DateOnly(2024, 4, 22), ["r1"], 8, 95, 10, 90, -0.5), TrueLift: 100)]);

    [Fact]
    public void Csv_has_one_row_per_channel_in_percent()
    {
        var lines = RecoveryReportFile.Csv([Score], new Dictionary<string, double> { ["funnel"] = 0.004 }).TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        var tv = lines[1].Split(',');
        string Field(string[] row, string name) => row[Array.IndexOf(header, name)];
        Assert.Equal("funnel", Field(tv, "scenario"));
        Assert.Equal("43", Field(tv, "seed"));
        Assert.Equal(18.0, double.Parse(Field(tv, "true_share_pct"), CultureInfo.InvariantCulture), 9);
        Assert.Equal(3.0, double.Parse(Field(tv, "share_error_pp"), CultureInfo.InvariantCulture), 9);
        Assert.Equal(1.0 / 6 * 100, double.Parse(Field(tv, "roas_error_pct"), CultureInfo.InvariantCulture), 3);
        Assert.Equal(0.4, double.Parse(Field(tv, "seed_spread_pp"), CultureInfo.InvariantCulture), 9);
        Assert.Equal("true", Field(tv, "beats_naive"));
        var zero = lines[2].Split(',');
        Assert.Equal("true", Field(zero, "zero_effect"));
        Assert.Equal("", Field(zero, "roas_error_pct"));
        Assert.Equal("0.5", Field(tv, "true_adstock_decay"));
        Assert.Equal("1.8", Field(tv, "model_hill_slope"));
        Assert.Equal("1.1", Field(tv, "model_hill_half"));
        Assert.Equal("", Field(zero, "model_adstock_decay"));
        Assert.Equal(2.0 / (1 + Math.Pow(0.9, -2.0)), double.Parse(Field(tv, "true_elasticity"), CultureInfo.InvariantCulture), 5);
    }

    [Fact]
    public async Task Json_nests_channels_and_carries_the_closing_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recovery-{Guid.NewGuid():N}.json");
        await RecoveryReportFile.WriteAsync(path, [Score]);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        File.Delete(path);
        Assert.Equal(SuiteSummary.From([Score]).ClosingLine(), document.RootElement.GetProperty("closingLine").GetString());
        var scenario = document.RootElement.GetProperty("scenarios")[0];
        Assert.Equal(1, scenario.GetProperty("shd").GetInt32());
        Assert.Equal(2.0, scenario.GetProperty("zeroEffectSharePct").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, scenario.GetProperty("seedSpreadPp").ValueKind);
        Assert.Equal("media_tv -> media_zero", scenario.GetProperty("plantedEdges")[0].GetString());
        Assert.Equal(2, scenario.GetProperty("channels").GetArrayLength());
        var tv = scenario.GetProperty("channels")[0];
        Assert.Equal(0.9, tv.GetProperty("trueShape").GetProperty("hillHalfSaturation").GetDouble(), 9);
        Assert.Equal(0.45, tv.GetProperty("modelShape").GetProperty("adstockDecay").GetDouble(), 9);
        Assert.Equal(1.8 / (1 + Math.Pow(1.1, -1.8)), tv.GetProperty("modelShape").GetProperty("elasticityAtMean").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, scenario.GetProperty("channels")[1].GetProperty("modelShape").ValueKind);
        var lift = scenario.GetProperty("liftTests")[0];
        Assert.Equal(("media_tv", "2024-03-04", 100.0, 95.0, 10.0, 90.0, -0.5), (lift.GetProperty("channel").GetString(), lift.GetProperty("start").GetString(),
            lift.GetProperty("trueLift").GetDouble(), lift.GetProperty("measuredLift").GetDouble(), lift.GetProperty("standardError").GetDouble(),
            lift.GetProperty("modelLift").GetDouble(), lift.GetProperty("zScore").GetDouble()));
    }

    [Fact]
    public async Task Other_extensions_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => RecoveryReportFile.WriteAsync("results.txt", [Score]));
    }
}
