using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Lab.Recovery;
using Mmm.Science.Scaling;
using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

/// <summary>The lift tests' term of the objective against its closed form, and what calibrating to experiments does to a fit.</summary>
public class CalibrationTests
{
    [Fact]
    public void The_term_is_the_gaussian_likelihood_of_each_test_in_KPI_units()
    {
        var o = new MmmOptions { Architecture = Architecture.Structural, Device = "cpu" };
        var synthetic = SmallPanels.Generate(regions: 3, weeks: 60);
        var panel = synthetic.Panel.WithLiftTests(
        [
            new LiftTest(synthetic.Panel.Channels[0], synthetic.Panel.Dates[10], synthetic.Panel.Dates[17], null, 5_000, 400),
            new LiftTest(synthetic.Panel.Channels[2], synthetic.Panel.Dates[30], synthetic.Panel.Dates[33], [synthetic.Panel.Regions[1]], -20, 3),
        ], "test");
        var split = PanelSplit.For(panel.PeriodCount, o);
        var scaler = PanelScaler.Fit(panel, split.TrainEnd, o);
        using var data = TrainingTensors.Build(panel, scaler, o, split, CPU);
        var net = new ModulatedMmmNetwork(o, panel.ChannelCount, panel.ControlCount, panel.RegionCount, TrainingTensors.SeasonalFeatureCount);

        using var scope = NewDisposeScope();
        var contributions = net.Forward(data.Inputs, withModulation: false).MediaContributions;
        var media = contributions.data<float>().ToArray();
        double expectedTerm = 0;
        var expected = panel.LiftTests.Select(t =>
        {
            double lift = t.Cells.Sum(cell =>
            {
                int r = cell / panel.PeriodCount, m = r * split.ModelPeriods + split.Padding + cell % panel.PeriodCount;
                return media[m * panel.ChannelCount + t.Channel] * scaler.KpiDivisor[r];
            });
            double z = (lift - t.Test.Lift) / t.Test.StandardError;
            expectedTerm += 0.5 * z * z;
            return lift;
        }).ToArray();

        var lift = data.Lift ?? throw new Xunit.Sdk.XunitException("no calibration built for a panel with lift tests");
        // The model lift in KPI units: the standardised lift times the test's se.
        var model = lift.StandardisedLifts(contributions).to(ScalarType.Float64).data<double>().ToArray()
            .Select((z, e) => z * panel.LiftTests[e].Test.StandardError).ToArray();
        Assert.True(expected[0] > 0 && expected[1] > 0);
        for (int e = 0; e < expected.Length; e++)
            Assert.Equal(expected[e], model[e], expected[e] * 1e-4);
        Assert.Equal(expectedTerm, lift.Term(contributions).item<float>(), expectedTerm * 1e-4);
    }

    [Fact]
    public void A_panel_without_lift_tests_has_no_calibration_term()
    {
        var o = new MmmOptions { Device = "cpu" };
        var panel = SmallPanels.Generate(regions: 2, weeks: 40).Panel;
        var split = PanelSplit.For(panel.PeriodCount, o);
        using var data = TrainingTensors.Build(panel, PanelScaler.Fit(panel, split.TrainEnd, o), o, split, CPU);
        Assert.Null(data.Lift);
    }

    /// <summary>
    /// The shipped PyMC example is the suite's worst case without outside information (x1 21.9 % against a true 29.05 %:
    /// its curve is not identified by one region's data). With one simulated experiment per channel (8 weeks, se 1 % of
    /// those weeks' KPI) the default model must meet the suite's 2 pp bound on both channels (seen: 29.09 % and 6.81 %), and
    /// the summary must report each test next to the model's lift over the same rows.
    /// </summary>
    [Fact]
    public async Task Calibrated_to_experiments_the_default_model_recovers_the_pymc_example()
    {
        var loaded = await PymcExampleScenario.LoadAsync(Path.Combine(AppContext.BaseDirectory, "data"));
        var calibrated = SimulatedLiftTests.With(loaded, precision: 0.01, new MmmOptions());
        var run = RecoveryRunner.Run(calibrated, new MmmOptions { Device = "cpu" });

        string table = string.Join("; ", run.Score.Channels.Select(c => $"{c.Channel} {c.ModelShare:P2} vs {c.TrueShare:P2}"));
        foreach (var c in run.Score.Channels)
            Assert.True(Math.Abs(c.ModelShare - c.TrueShare) <= 0.02, $"{c.Channel} off by more than 2 pp: {table}");

        var reported = run.Training.Result.LiftTests!;
        Assert.Equal(calibrated.Panel.Channels, reported.Select(t => t.Channel));
        foreach (var (test, given) in reported.Zip(calibrated.Panel.LiftTests))
        {
            Assert.Equal((given.Test.Lift, given.Test.StandardError, given.Cells.Count), (test.Lift, test.StandardError, test.Rows));
            double fromDecomposition = run.Training.Result.Decomposition
                .Where(d => d.Component == test.Channel && d.Date >= test.Start && d.Date <= test.End).Sum(d => d.Contribution);
            Assert.Equal(fromDecomposition, test.ModelLift, Math.Abs(fromDecomposition) * 1e-9);
            Assert.Equal((test.ModelLift - test.Lift) / test.StandardError, test.ZScore, 9);
            Assert.True(Math.Abs(test.ZScore) <= 3, $"{test.Channel}: the fit sits {test.ZScore:F1} se from its experiment");
        }
    }
}
