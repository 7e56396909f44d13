using Mmm.Lab.Recovery;

namespace Mmm.Lab.Tests.Recovery;

public class SuiteSummaryTests
{
    private static ChannelScore Channel(string name, double trueShare, double modelShare, bool zero = false) =>
        new(name, 100 * trueShare, 100 * modelShare, Spend: 10, trueShare, modelShare,
            TrueRoas: zero ? 0 : 10 * trueShare, ModelRoas: 10 * modelShare, zero);

    private static ScenarioScore Scenario(string name, int shd, double wape, double naive, params ChannelScore[] channels) =>
        new(name, 42, channels, channels.Sum(c => c.TrueShare), channels.Sum(c => c.ModelShare), [], [],
            new GraphDifference(shd, [], [], []), wape, "last 13 weeks", naive, WallSeconds: 10, EpochsTrained: 1500);

    /// <summary>
    /// Scenario one: share errors 1, 0.6 and 0.3 pp (mean 0.63), zero-effect share 0.3 %, ROAS errors
    /// |0.21/0.20 - 1| = 5 % and |0.054/0.06 - 1| = 10 %, SHD 1, WAPE 5 % below naive 7 %. Scenario two: share errors
    /// 1.7 and 0.1 pp (mean 0.9), zero-effect 0.1 %, ROAS error |0.083/0.1 - 1| = 17 %, SHD 0, WAPE 9 % above naive 8 %.
    /// </summary>
    private static IReadOnlyList<ScenarioScore> Scores() =>
    [
        Scenario("one", shd: 1, wape: 0.05, naive: 0.07,
            Channel("a", 0.20, 0.21), Channel("b", 0.06, 0.054), Channel("z", 0.0, 0.003, zero: true)),
        Scenario("two", shd: 0, wape: 0.09, naive: 0.08,
            Channel("a", 0.10, 0.083), Channel("z", 0.0, -0.001, zero: true)),
    ];

    [Fact]
    public void The_closing_line_has_the_scripted_form_with_the_worst_of_each_figure()
    {
        var summary = SuiteSummary.From(Scores());
        Assert.Equal(
            "suite: mean share error 0.9 pp (worst scenario), worst channel 1.7 pp, zero-effect 0.3 %, ROAS error 17 %, SHD 1, holdout WAPE below naive 1/2",
            summary.ClosingLine());
        Assert.Equal("two", summary.WorstMeanShare.Scenario); // (1.7 + 0.1) / 2 = 0.9 against (1 + 0.6 + 0.3) / 3 = 0.63
        Assert.Equal(("two", "a"), (summary.WorstChannel.Scenario.Scenario, summary.WorstChannel.Channel.Channel));
        Assert.Equal(("one", "z"), (summary.WorstZeroEffect!.Value.Scenario.Scenario, summary.WorstZeroEffect.Value.Channel.Channel));
        Assert.Equal("one", summary.WorstShd.Scenario);
        Assert.Equal("worst: mean share error two; channel two/a; zero-effect one/z; ROAS two/a; SHD one", summary.WorstCasesLine());
    }

    [Fact]
    public void The_coverage_line_counts_channels_with_an_effect_whose_interval_holds_the_truth()
    {
        Assert.Null(SuiteSummary.From(Scores()).CoverageLine()); // no intervals: no line
        var scores = new[]
        {
            Scenario("one", 0, 0.05, 0.07,
                Channel("a", 0.20, 0.21) with { ModelShareLow = 0.19, ModelShareHigh = 0.22 },   // holds 0.20
                Channel("b", 0.06, 0.054) with { ModelShareLow = 0.05, ModelShareHigh = 0.058 }, // misses 0.06
                Channel("z", 0.0, 0.003, zero: true) with { ModelShareLow = 0.001, ModelShareHigh = 0.01 }), // zero-effect: not counted
            Scenario("two", 0, 0.09, 0.08,
                Channel("a", 0.10, 0.083) with { ModelShareLow = 0.06, ModelShareHigh = 0.10 },  // holds 0.10 at its edge
                Channel("c", 0.02, 0.02)),                                                        // no interval: not counted
        };
        // Widths of the counted intervals: 3, 0.8 and 4 pp; their median 3.
        Assert.Equal("intervals: the 90 % share interval holds the true share for 2/3 channels with an effect (67 %), median width 3.0 pp",
            SuiteSummary.From(scores).CoverageLine());
        Assert.EndsWith(", intervals hold the truth 2/3", SuiteSummary.From(scores).ClosingLine());
        Assert.Equal((1, 2), scores[0].IntervalCoverage);
        Assert.False(scores[0].Channels[1].Covered);
        Assert.Null(scores[1].Channels[1].Covered);
    }

    [Fact]
    public void A_negative_zero_effect_share_counts_by_its_size()
    {
        var scores = new[] { Scenario("neg", 0, 0.05, 0.07, Channel("a", 0.1, 0.1), Channel("z", 0, -0.012, zero: true)) };
        Assert.Contains("zero-effect 1.2 %", SuiteSummary.From(scores).ClosingLine());
    }

    [Fact]
    public void Missing_kinds_read_n_a()
    {
        var scores = new[] { Scenario("only-zero", 2, 0.05, 0.04, Channel("z", 0, 0.02, zero: true)) };
        Assert.Equal(
            "suite: mean share error 2.0 pp (worst scenario), worst channel 2.0 pp, zero-effect 2.0 %, ROAS error n/a, SHD 2, holdout WAPE below naive 0/1",
            SuiteSummary.From(scores).ClosingLine());
        var noZero = new[] { Scenario("plain", 0, 0.05, 0.06, Channel("a", 0.1, 0.12)) };
        Assert.Contains("zero-effect n/a, ROAS error 20 %", SuiteSummary.From(noZero).ClosingLine());
    }

    [Fact]
    public void Seed_spread_is_the_largest_movement_of_any_channels_share()
    {
        var runs = new[]
        {
            Scenario("s", 0, 0.05, 0.06, Channel("a", 0.1, 0.100), Channel("b", 0.02, 0.020)),
            Scenario("s", 0, 0.05, 0.06, Channel("a", 0.1, 0.104), Channel("b", 0.02, 0.030)),
            Scenario("s", 0, 0.05, 0.06, Channel("a", 0.1, 0.097), Channel("b", 0.02, 0.025)),
        };
        var (spread, channel) = SeedSpread.LargestShareMovement(runs);
        Assert.Equal(0.010, spread, 12);
        Assert.Equal("b", channel);
        Assert.Throws<ArgumentException>(() => SeedSpread.LargestShareMovement([runs[0], Scenario("other", 0, 0.05, 0.06, Channel("a", 0.1, 0.1))]));
    }
}
