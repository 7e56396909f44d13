using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

/// <summary>
/// The ROI priors' term of the objective against its closed form on given contributions: a prior's model value is its
/// channel's contribution in KPI units summed over the prior's rows, over the spend (ROAS) or KPI (share) there; in units
/// of the prior's sd it is compared with value / sd, ½ z², and an ensemble member's error draw moves the target.
/// </summary>
public class RoiCalibrationTests
{
    private const int Regions = 2, Weeks = 50;

    private sealed record Case(Panel Panel, PanelSplit Split, PanelScaler Scaler, int Channels)
    {
        public int ModelPeriods => Split.ModelPeriods;
    }

    /// <summary>A ROAS prior on tv over the training weeks and a share prior on social over weeks 10..20.</summary>
    private static Case Build(BurnInMode burnIn)
    {
        var o = new MmmOptions { Architecture = Architecture.Structural, Device = "cpu", BurnIn = burnIn };
        var synthetic = SmallPanels.Generate(regions: Regions, weeks: Weeks).Panel;
        var panel = synthetic.WithRoiPriors(
        [
            new RoiPrior("media_tv", RoiPriorKind.Roas, 2.5, 0.8, null, null),
            new RoiPrior("media_social", RoiPriorKind.Share, 0.05, 0.02, synthetic.Dates[10], synthetic.Dates[20]),
        ], o, "test");
        var split = PanelSplit.For(panel.PeriodCount, o);
        return new Case(panel, split, PanelScaler.Fit(panel, split.TrainEnd, o), panel.ChannelCount);
    }

    /// <summary>Contributions [R, Tm, C] in scaled KPI, not all positive.</summary>
    private static float[] Contributions(Case c, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Regions * c.ModelPeriods * c.Channels).Select(_ => (float)(random.NextDouble() - 0.2)).ToArray();
    }

    /// <summary>The prior's periods by hand: the training weeks without dates, else its dates.</summary>
    private static IEnumerable<int> Window(Case c, RoiPrior prior)
    {
        var (first, end) = c.Split.PaddedBurnIn ? (0, c.Split.TrainEnd) : (c.Split.BurnInPeriods, c.Split.TrainEnd);
        return Enumerable.Range(0, c.Panel.PeriodCount).Where(p => prior.Start is { } s
            ? c.Panel.Dates[p] >= s && c.Panel.Dates[p] <= prior.End!.Value
            : p >= first && p < end);
    }

    /// <summary>(Σ over the prior's rows of contribution × KPI divisor / denominator) / sd, everything by hand.</summary>
    private static double HandLift(Case c, RoiPrior prior, float[] contributions)
    {
        int channel = c.Panel.Channels.ToList().IndexOf(prior.Channel);
        var periods = Window(c, prior).ToList();
        double sum = 0, denominator = 0;
        for (int r = 0; r < Regions; r++)
            foreach (int p in periods)
            {
                int m = r * c.ModelPeriods + c.Split.Padding + p;
                sum += contributions[m * c.Channels + channel] * c.Scaler.KpiDivisor[r];
                denominator += prior.Kind == RoiPriorKind.Roas ? c.Panel.MediaAt(r, p, channel) : c.Panel.KpiAt(r, p);
            }
        return sum / denominator / prior.StandardDeviation;
    }

    [Theory]
    [InlineData(BurnInMode.Warm)]
    [InlineData(BurnInMode.Pad)]
    public void Standardised_lifts_are_the_channels_KPI_over_the_denominator_in_sds(BurnInMode burnIn)
    {
        var c = Build(burnIn);
        Assert.NotEqual(c.Scaler.KpiDivisor[0], c.Scaler.KpiDivisor[1]); // a region mix-up would show
        var values = Contributions(c, 1);
        using var calibration = Calibration.ForRoiPriors(c.Panel, c.Scaler, c.Split, CPU)!;
        using var scope = NewDisposeScope();
        var contributions = tensor(values, [Regions, c.ModelPeriods, c.Channels]);

        var lifts = calibration.StandardisedLifts(contributions).to(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(2, calibration.Count);
        for (int e = 0; e < 2; e++)
        {
            double expected = HandLift(c, c.Panel.RoiPriors[e].Prior, values);
            Assert.Equal(expected, lifts[e], Math.Abs(expected) * 1e-4 + 1e-6);
        }
        var measured = calibration.Measured.to(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(2.5 / 0.8, measured[0], 1e-5);
        Assert.Equal(0.05 / 0.02, measured[1], 1e-5);
    }

    [Fact]
    public void The_term_is_half_the_squared_distance_from_the_prior_in_sds_and_errors_move_the_target()
    {
        var c = Build(BurnInMode.Warm);
        var values = Contributions(c, 2);
        using var calibration = Calibration.ForRoiPriors(c.Panel, c.Scaler, c.Split, CPU)!;
        using var scope = NewDisposeScope();
        var contributions = tensor(values, [Regions, c.ModelPeriods, c.Channels]);
        double[] z = [HandLift(c, c.Panel.RoiPriors[0].Prior, values), HandLift(c, c.Panel.RoiPriors[1].Prior, values)];
        double[] target = [2.5 / 0.8, 0.05 / 0.02];

        double expected = 0.5 * (Math.Pow(z[0] - target[0], 2) + Math.Pow(z[1] - target[1], 2));
        Assert.Equal(expected, calibration.Term(contributions).item<float>(), expected * 1e-4);

        var errors = tensor(new float[] { 0.3f, -0.7f });
        double shifted = 0.5 * (Math.Pow(z[0] - (target[0] + 0.3), 2) + Math.Pow(z[1] - (target[1] - 0.7), 2));
        Assert.Equal(shifted, calibration.Term(contributions, errors).item<float>(), shifted * 1e-4);
        Assert.True(Math.Abs(shifted - expected) > 1e-2 * expected);
    }

    [Fact]
    public void A_batch_of_members_gives_each_member_its_own_lifts_and_the_term_sums_them()
    {
        var c = Build(BurnInMode.Warm);
        var a = Contributions(c, 3);
        var b = Contributions(c, 4);
        using var calibration = Calibration.ForRoiPriors(c.Panel, c.Scaler, c.Split, CPU)!;
        using var scope = NewDisposeScope();
        var batch = tensor(a.Concat(b).ToArray(), [2, Regions, c.ModelPeriods, c.Channels]);

        var lifts = calibration.StandardisedLifts(batch);
        Assert.Equal(new long[] { 2, 2 }, lifts.shape);
        var values = lifts.to(ScalarType.Float64).data<double>().ToArray();
        double term = 0;
        foreach (var (member, m) in new[] { (a, 0), (b, 1) })
            for (int e = 0; e < 2; e++)
            {
                double expected = HandLift(c, c.Panel.RoiPriors[e].Prior, member);
                Assert.Equal(expected, values[m * 2 + e], Math.Abs(expected) * 1e-4 + 1e-6);
                term += 0.5 * Math.Pow(expected - (e == 0 ? 2.5 / 0.8 : 0.05 / 0.02), 2);
            }
        Assert.Equal(term, calibration.Term(batch).item<float>(), term * 1e-4);
    }

    [Fact]
    public void A_panel_without_roi_priors_has_no_term()
    {
        var o = new MmmOptions { Device = "cpu" };
        var panel = SmallPanels.Generate(regions: Regions, weeks: Weeks).Panel;
        var split = PanelSplit.For(panel.PeriodCount, o);
        Assert.Null(Calibration.ForRoiPriors(panel, PanelScaler.Fit(panel, split.TrainEnd, o), split, CPU));
    }
}
