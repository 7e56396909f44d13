using Mmm.Lab.Recovery;
using Mmm.Science.Results;
using static Mmm.Lab.Tests.Recovery.HandMadeFit;

namespace Mmm.Lab.Tests.Recovery;

public class RecoveryScoringTests
{
    private static readonly string[] Channels = ["media_a", "media_b", "media_z"];

    /// <summary>
    /// Two regions x two weeks, actual KPI 100 + 100 + 50 + 50 = 300. Truth: a 10+10+5+5 = 30 (10 %), b 3+3+3+3 = 12
    /// (4 %), z 0 (zero effect). Model: a 15+15+7.5+7.5 = 45 (15 %), b 1.5 x 4 = 6 (2 %), z 3 x 4 = 12 (4 %).
    /// Spend: a 5 per row (20), b 2 per row (8), z 1 per row (4).
    /// </summary>
    private static ScenarioScore Scored(double[]? weights = null, params PlantedEdge[] edges)
    {
        var fit = Fit(Channels,
        [
            ("r1", Week1, 100, SplitLabels.Train, [15, 1.5, 3]),
            ("r1", Week2, 100, SplitLabels.Holdout, [15, 1.5, 3]),
            ("r2", Week1, 50, SplitLabels.BurnIn, [7.5, 1.5, 3]),
            ("r2", Week2, 50, SplitLabels.Holdout, [7.5, 1.5, 3]),
        ], weights, holdoutWape: 0.05, last13Wape: 0.08, trainMeanWape: 0.06);
        var truth = Truth(Channels,
        [
            ("r1", Week1, [10, 3, 0], [5, 2, 1]),
            ("r1", Week2, [10, 3, 0], [5, 2, 1]),
            ("r2", Week1, [5, 3, 0], [5, 2, 1]),
            ("r2", Week2, [5, 3, 0], [5, 2, 1]),
        ], edges);
        return RecoveryScoring.Score("hand", 42, fit, truth, wallSeconds: 12.5);
    }

    [Fact]
    public void Shares_are_of_the_actual_kpi_over_every_row_burn_in_included()
    {
        var s = Scored();
        var a = s.Channels[0];
        Assert.Equal(0.10, a.TrueShare, 12);
        Assert.Equal(0.15, a.ModelShare, 12);
        Assert.Equal(0.05, a.ShareError, 12);
        Assert.Equal(0.04, s.Channels[1].TrueShare, 12);
        Assert.Equal(0.02, s.Channels[1].ShareError, 12);
        Assert.Equal(0.04, s.Channels[2].ShareError, 12);
        Assert.Equal((0.05 + 0.02 + 0.04) / 3, s.MeanShareError, 12);
        Assert.Equal(0.05, s.WorstShareError, 12);
        Assert.Equal("media_a", s.WorstShareChannel.Channel);
        Assert.Equal(0.14, s.TrueMediaShare, 12);
        Assert.Equal(0.21, s.ModelMediaShare, 12);
        Assert.Equal(0.07, s.MediaShareError, 12);
    }

    [Fact]
    public void A_lift_test_of_the_fit_is_scored_next_to_the_true_lift_over_its_rows()
    {
        // media_a tested in r1 over both weeks: true 10 + 10 = 20; media_z in both regions in week 2: true 0.
        var fit = Fit(Channels, [("r1", Week1, 100, SplitLabels.Train, [15, 1.5, 3]), ("r1", Week2, 100, SplitLabels.Train, [15, 1.5, 3]),
            ("r2", Week1, 50, SplitLabels.Train, [7.5, 1.5, 3]), ("r2", Week2, 50, SplitLabels.Train, [7.5, 1.5, 3])]) with
        {
            LiftTests =
            [
                new LiftTestResult("media_a", Week1, Week2, ["r1"], 2, Lift: 22, StandardError: 2, ModelLift: 30, ZScore: 4),
                new LiftTestResult("media_z", Week2, Week2, ["r1", "r2"], 2, Lift: 1, StandardError: 1, ModelLift: 6, ZScore: 5),
            ],
        };
        var truth = Truth(Channels, [("r1", Week1, [10, 3, 0], [5, 2, 1]), ("r1", Week2, [10, 3, 0], [5, 2, 1]),
            ("r2", Week1, [5, 3, 0], [5, 2, 1]), ("r2", Week2, [5, 3, 0], [5, 2, 1])]);

        var tests = RecoveryScoring.Score("hand", 42, fit, truth, wallSeconds: 1).LiftTests!;

        Assert.Equal([20.0, 0.0], tests.Select(t => t.TrueLift));
        Assert.Equal(fit.LiftTests!, tests.Select(t => t.Test));
        Assert.Null(Scored().LiftTests); // a fit without lift tests scores none
    }

    [Fact]
    public void The_zero_effect_channel_is_found_from_the_truth_and_its_share_reported()
    {
        var s = Scored();
        Assert.Equal([false, false, true], s.Channels.Select(c => c.ZeroEffect));
        Assert.Equal(0.04, s.ZeroEffectShare!.Value, 12);
        Assert.Equal("media_z", s.WorstZeroEffectChannel!.Channel);
    }

    [Fact]
    public void Roas_error_is_relative_and_skips_the_zero_effect_channel()
    {
        var s = Scored();
        var a = s.Channels[0];
        Assert.Equal(30.0 / 20, a.TrueRoas!.Value, 12);
        Assert.Equal(45.0 / 20, a.ModelRoas!.Value, 12);
        Assert.Equal(0.5, a.RoasError!.Value, 12);         // 2.25 / 1.5 - 1
        Assert.Equal(0.5, s.Channels[1].RoasError!.Value, 12); // 6/8 against 12/8: |0.5 - 1|
        Assert.Null(s.Channels[2].RoasError);
        Assert.Equal(0.0, s.Channels[2].TrueRoas!.Value);
        Assert.Equal(0.5, s.MeanRoasError!.Value, 12);
        Assert.Equal(0.5, s.WorstRoasError!.Value, 12);
        Assert.Equal(0.25, RecoveryRoas.RelativeError(2.5, 2.0)!.Value, 12);
        Assert.Null(RecoveryRoas.Roas(10, 0));
    }

    [Fact]
    public void Holdout_wape_is_compared_with_the_best_naive_forecast()
    {
        var s = Scored();
        Assert.Equal(0.05, s.HoldoutWape);
        Assert.Equal("region train mean", s.BestNaive);
        Assert.Equal(0.06, s.BestNaiveWape);
        Assert.True(s.BeatsNaive);
        Assert.Equal(12.5, s.WallSeconds);

        var worse = Fit(["media_a"], [("r1", Week1, 100, SplitLabels.Holdout, [10])], holdoutWape: 0.07, last13Wape: 0.065, trainMeanWape: 0.09);
        var truth = Truth(["media_a"], [("r1", Week1, [10], [1])]);
        var score = RecoveryScoring.Score("worse", 1, worse, truth, 1);
        Assert.Equal("last 13 weeks", score.BestNaive);
        Assert.False(score.BeatsNaive);
    }

    [Fact]
    public void The_selected_dag_is_scored_against_the_planted_edges()
    {
        // Selected: b -> a (threshold 0.3). Planted: a -> b. One reversed edge: SHD 1.
        var weights = new double[9];
        weights[1 * 3 + 0] = 0.8;
        var s = Scored(weights, new PlantedEdge("media_a", "media_b"));
        Assert.Equal([new PlantedEdge("media_b", "media_a")], s.SelectedEdges);
        Assert.Equal(1, s.Shd);
        Assert.Equal([new PlantedEdge("media_b", "media_a")], s.Graph.Reversed);
    }

    [Fact]
    public void A_fit_row_without_truth_is_an_error_not_a_silent_zero()
    {
        var fit = Fit(["media_a"], [("r1", Week1, 100, SplitLabels.Train, [10]), ("r1", Week2, 100, SplitLabels.Train, [10])]);
        var truth = Truth(["media_a"], [("r1", Week1, [10], [1])]);
        var ex = Assert.Throws<ArgumentException>(() => RecoveryScoring.Score("x", 1, fit, truth, 1));
        Assert.Contains("2024-01-08", ex.Message);
    }

    [Fact]
    public void Model_contributions_match_the_products_channel_totals()
    {
        var fit = Fit(Channels, [("r1", Week1, 100, SplitLabels.Train, [15, 1.5, 3]), ("r2", Week1, 50, SplitLabels.Train, [7.5, 1.5, 3])]);
        var truth = Truth(Channels, [("r1", Week1, [1, 1, 0], [1, 1, 1]), ("r2", Week1, [1, 1, 0], [1, 1, 1])]);
        var s = RecoveryScoring.Score("x", 1, fit, truth, 1);
        foreach (var (score, product) in s.Channels.Zip(fit.Channels))
            Assert.Equal(product.All.Contribution, score.ModelContribution, 12);
    }
}
