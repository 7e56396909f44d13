using Mmm.Lab.Decisions;
using Mmm.Lab.Recovery;

namespace Mmm.Lab.Tests.Decisions;

public class PlannerLineTests
{
    private static ScenarioScore Scenario(string name, PlannerTruthScore? planner, string? notScored = null) =>
        new(name, 42, [new ChannelScore("a", 1, 1, 10, 0.1, 0.1, 0.1, 0.1, false)], 0.1, 0.1, [], [], new GraphDifference(0, [], [], []),
            0.05, "last 13 weeks", 0.07, WallSeconds: 10, EpochsTrained: 100, Planner: planner, PlannerNotScored: notScored);

    private static PlannerTruthScore Planner(double current, double recommended, double optimum) =>
        new(1000, 13, current, recommended, optimum, recommended - current, PlanScore.CapturedGain(current, recommended, optimum),
            [new PlannerChannelSpend("a", 1000, 1000, 1000)], 0.5);

    [Fact]
    public void The_line_names_the_worst_scenario_and_whether_every_one_reaches_the_target()
    {
        var met = SuiteSummary.PlannerLine([Scenario("one", Planner(100, 119, 120)), Scenario("two", Planner(100, 109.9, 110)),
            Scenario("pymc", null, "no generator to value other plans")]);
        Assert.Equal("planner: captured gain of the true optimum worst 95.0 % (one), median 97.0 % over 2 fits; n/a for 1 (pymc); " +
                     "target ≥ 90 % on every scenario: met", met);
        var notMet = SuiteSummary.PlannerLine([Scenario("one", Planner(100, 119, 120)), Scenario("two", Planner(100, 108, 110)),
            Scenario("flat", Planner(100, 100, 100))]);
        Assert.Equal("planner: captured gain of the true optimum worst 80.0 % (two), median 87.5 % over 2 fits; 1 with no gain possible; " +
                     "target ≥ 90 % on every scenario: NOT met (worst 80.0 %, two)", notMet);
        Assert.Null(SuiteSummary.PlannerLine([Scenario("one", null)]));
    }

    [Fact]
    public void The_line_counts_the_plans_whose_gain_interval_held_their_true_gain()
    {
        // True gains 19 and 9.9; the first interval (15 to 25) holds 19, the second (12 to 14) misses 9.9.
        var line = SuiteSummary.PlannerLine([
            Scenario("one", Planner(100, 119, 120) with { ModelGainLow = 15, ModelGainHigh = 25 }),
            Scenario("two", Planner(100, 109.9, 110) with { ModelGainLow = 12, ModelGainHigh = 14 })]);
        Assert.EndsWith("target ≥ 90 % on every scenario: met; the plan's 90 % gain interval held its true gain in 1/2", line);
        var text = ScenarioReportText.PlannerLines(Scenario("two", Planner(100, 109.9, 110) with { ModelGainLow = 12, ModelGainHigh = 14 }));
        Assert.Contains("(90 % +12 to +14, misses the plan's true gain)", text[0]);
    }

    [Fact]
    public void The_json_report_carries_the_captured_share_and_the_true_gains()
    {
        var json = System.Text.Json.JsonDocument.Parse(RecoveryReportFile.JsonText([Scenario("one", Planner(100, 119, 120))])).RootElement;
        var s = json.GetProperty("scenarios")[0];
        Assert.Equal(95.0, s.GetProperty("capturedGainPct").GetDouble(), 9);
        Assert.Equal(19.0, s.GetProperty("planTrueGain").GetDouble(), 9);
        Assert.Equal(20.0, s.GetProperty("trueOptimumGain").GetDouble(), 9);
        Assert.Contains("target ≥ 90 %", json.GetProperty("plannerLine").GetString());
        var csv = RecoveryReportFile.Csv([Scenario("one", Planner(100, 119, 120))]).Split(Environment.NewLine);
        var header = csv[0].Split(',');
        Assert.Equal("95", csv[1].Split(',')[Array.IndexOf(header, "captured_gain_pct")]);
    }
}
