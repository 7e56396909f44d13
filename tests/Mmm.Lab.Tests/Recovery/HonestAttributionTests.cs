using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Lab.Recovery;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Lab.Tests.Recovery;

/// <summary>
/// The default model on the suite's hard cases (real training): an experiment that wins over a confounded channel,
/// a baseline that never goes negative, intervals and graph probabilities from the posterior ensemble, the self-check and
/// the ROI priors. Tolerances come from the targets of the honest-attribution issue, not from one run.
/// </summary>
public class HonestAttributionTests
{
    private static RecoveryCase Scenario(string name) => RecoverySuite.Synthetic.Single(s => s.Name == name).Load();

    [Fact]
    public void A_good_experiment_moves_a_confounded_channel_most_of_the_way_to_the_truth_and_ends_within_two_se()
    {
        // unobserved-demand-tested: a demand index the panel lacks drives search's spend; one geo test of search.
        // Without the test the default gives search about 31 % against a true 5 % (docs/benchmarks.md); the target: at least 75 % of
        // the way to the truth, |z| <= 2. The confounding term is what makes it possible: without it the same test leaves
        // search far off (seen: 13.7 %, z 4.8), so this test fails if the experiment is merely one more likelihood term.
        var options = new MmmOptions { Device = "cpu", EnsembleMembers = 0 };
        var tested = Scenario("unobserved-demand-tested");
        var calibrated = RecoveryRunner.Run(tested, options).Score;
        var plain = RecoveryRunner.Run(tested, options with { LiftConfoundingSd = 0 }).Score;

        var search = calibrated.Channels.Single(c => c.Channel == "media_search");
        double uncalibrated = 0.31; // the default's share without the test, measured by the suite (docs/benchmarks.md)
        Assert.True(search.ModelShare <= search.TrueShare + 0.25 * (uncalibrated - search.TrueShare),
            $"search {search.ModelShare:P2} against a true {search.TrueShare:P2}: less than 75 % of the way from {uncalibrated:P0}");
        Assert.All(calibrated.LiftTests!, t => Assert.InRange(t.Test.ZScore, -2, 2));

        var plainSearch = plain.Channels.Single(c => c.Channel == "media_search");
        Assert.True(plainSearch.ModelShare > search.ModelShare + 0.03,
            $"without the confounding term search is {plainSearch.ModelShare:P2}, with it {search.ModelShare:P2}: the term did nothing");
    }

    [Fact]
    public void The_baseline_is_never_negative_and_media_stay_below_the_KPI()
    {
        // seasonal-spend over-credits media most of the suite (media total error 7 pp); the floor holds there too.
        var training = TrainingDriver.Run(Scenario("seasonal-spend").Panel, new MmmOptions { Device = "cpu", EnsembleMembers = 0, Epochs = 100 });
        var baseline = training.Result.Decomposition
            .Where(d => d.ComponentType is ComponentTypes.Baseline or ComponentTypes.Trend or ComponentTypes.Seasonality)
            .GroupBy(d => (d.Region, d.Date)).Select(g => g.Sum(d => d.Contribution)).ToList();
        Assert.NotEmpty(baseline);
        Assert.All(baseline, b => Assert.True(b >= -1e-6, $"baseline {b} below zero"));
        Assert.True(training.Result.Channels.Sum(c => c.All.ShareOfActual ?? 0) < 100);
        var check = training.Result.HealthChecks!.Single(h => h.Check == HealthCheckNames.NegativeBaseline);
        Assert.Equal(HealthStatus.Pass, check.Status);
    }

    [Fact]
    public void Ensemble_members_depend_only_on_their_index_and_intervals_stay_within_zero_and_the_KPI()
    {
        var panel = Scenario("funnel").Panel;
        using var session = TrainingSession.Start(panel, new MmmOptions { Device = "cpu", EnsembleEpochs = 200 });
        session.WarmStart();
        var (all, edges, _) = session.EnsembleMembers(0, 4);
        var (last, _, _) = session.EnsembleMembers(2, 2);
        // The same draws; the fits agree up to float rounding, which a batch of another size sums in another order and
        // which 200 Adam steps along weakly identified directions amplify (measured: up to 0.2 %). Members 2 and 3 must
        // differ from each other by more than that, so a member taking another index's draws cannot pass.
        static double Tolerance(double v) => Math.Abs(v) * 5e-3 + 1e-6;
        for (int m = 0; m < 2; m++)
            for (int i = 0; i < last[m].Length; i++)
                Assert.Equal(all[m + 2][i], last[m][i], Tolerance(all[m + 2][i]));
        Assert.Contains(Enumerable.Range(0, all[2].Length), i => Math.Abs(all[2][i] - all[3][i]) > 2 * Tolerance(all[2][i]));
        Assert.NotNull(edges);
        Assert.Equal(4, edges!.Count);
        // Members differ from each other: the perturbations are drawn per member.
        Assert.NotEqual(all[0][0], all[1][0]);

        var result = session.Finish();
        foreach (var c in result.Channels)
            foreach (var split in new[] { c.Train, c.All })
            {
                Assert.NotNull(split.ShareOfActualLow);
                Assert.InRange(split.ShareOfActualLow!.Value, 0, split.ShareOfActual!.Value + 1e-9);
                Assert.InRange(split.ShareOfActualHigh!.Value, split.ShareOfActual.Value - 1e-9, 100);
            }
        // The funnel's planted edge TV -> search: the run selects it, and most members' own graphs do too.
        var edge = result.Adjacency.Rows.Single(r => r.Source == "media_tv" && r.Target == "media_search");
        Assert.True(edge.Selected);
        Assert.True(edge.Probability >= 0.7, $"TV -> search in {edge.Probability:P0} of members");
        var reverse = result.Adjacency.Rows.Single(r => r.Source == "media_search" && r.Target == "media_tv");
        Assert.True(reverse.Probability <= 0.3, $"search -> TV in {reverse.Probability:P0} of members");
    }

    [Fact]
    public void The_self_check_refits_panels_simulated_from_the_fit_and_scores_them_against_it()
    {
        var panel = Scenario("confounded-demand").Panel;
        var result = TrainingDriver.Run(panel, new MmmOptions { Device = "cpu", SelfCheck = 3, EnsembleEpochs = 300, Epochs = 60 }).Result;
        var check = result.SelfCheck ?? throw new Xunit.Sdk.XunitException("no self-check result");
        Assert.Equal(3, check.Refits);
        Assert.Equal(panel.Channels, check.Channels.Select(c => c.Channel));
        Assert.Equal(3 * panel.ChannelCount, check.Count);
        // The simulated truth is the fit's own structural share; TV is flighted and well identified (seen: 15 %),
        // so its refits must find it within 1 pp on average.
        var tv = check.Channels.Single(c => c.Channel == "media_tv");
        Assert.InRange(tv.TrueShare, 10, 20);
        Assert.True(tv.MeanError < 1, $"TV refits off by {tv.MeanError:F2} pp on average");
        Assert.Contains(result.HealthChecks!, h => h.Check == HealthCheckNames.SelfCheck);
    }

    [Fact]
    public void A_firm_roi_prior_pulls_its_channel_and_is_reported_next_to_the_model()
    {
        // A share prior on display at twice its true share (3 %) with a small sd: the fit must move display most of
        // the way there, and report the prior, the model's value and z.
        var recoveryCase = Scenario("confounded-demand");
        var options = new MmmOptions { Device = "cpu", EnsembleMembers = 0, Epochs = 60 };
        var prior = new RoiPrior("media_display", RoiPriorKind.Share, 0.06, 0.003, null, null);
        var panel = recoveryCase.Panel.WithRoiPriors([prior], options, "test");
        var free = TrainingDriver.Run(recoveryCase.Panel, options).Result;
        var held = TrainingDriver.Run(panel, options).Result;

        var result = Assert.Single(held.RoiPriors!);
        Assert.Equal("share", result.Kind);
        Assert.Equal(0.06, result.Prior);
        Assert.True(Math.Abs(result.ZScore) < 3, $"model {result.Model:P2} against a prior of 6 % (sd 0.3 %)");
        double freeShare = free.Channels.Single(c => c.Channel == "media_display").Train.ShareOfActual!.Value / 100;
        Assert.True(result.Model > freeShare + 0.5 * (0.06 - freeShare), $"display {result.Model:P2}, {freeShare:P2} without the prior");
    }
}
