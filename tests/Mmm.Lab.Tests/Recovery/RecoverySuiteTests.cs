using Mmm.Lab.Recovery;
using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Recovery;

/// <summary>The scenarios are what the issue asks for, checked on the specs and on the generated panels, not on their labels.</summary>
public class RecoverySuiteTests
{
    private static readonly IReadOnlyList<SyntheticScenario> Suite = RecoverySuite.Synthetic;
    private static readonly Dictionary<string, SyntheticPanel> Generated = Suite.ToDictionary(s => s.Name, s => s.Generate());

    private static IEnumerable<SyntheticChannelSpec> ChannelsOf(SyntheticScenario s) => s.Spec.Channels;

    [Fact]
    public void At_least_ten_named_scenarios_of_three_to_six_channels()
    {
        Assert.True(Suite.Count >= 10, $"{Suite.Count} scenarios");
        Assert.Equal(Suite.Count, Suite.Select(s => s.Name).Distinct().Count());
        Assert.All(Suite, s => Assert.InRange(s.Spec.Channels.Count, 3, 6));
        Assert.All(Suite, s => Assert.InRange(s.Spec.Regions, 1, 8));
        Assert.Equal(PymcExampleScenario.Name, RecoverySuite.Scenarios("unused").Last().Name);
    }

    [Fact]
    public void The_suite_covers_every_case_of_the_issue()
    {
        Assert.Contains(Suite, s => s.Spec.Regions == 1);
        Assert.Contains(Suite, s => s.Spec.Regions >= 4);
        Assert.Contains(Suite, s => s.Spec.Weeks <= 80);
        Assert.Contains(Suite, s => s.Spec.Weeks >= 200);
        Assert.Contains(Suite, s => s.Spec.NoiseSdFraction <= 0.02);
        Assert.Contains(Suite, s => s.Spec.NoiseSdFraction >= 0.10);
        Assert.Contains(Suite, s => s.Spec.RaggedRegions > 0);
        Assert.Contains(Suite, s => ChannelsOf(s).Any(c => c.Pattern == MediaPattern.Seasonal));
        Assert.Contains(Suite, s => ChannelsOf(s).Any(c => c.Pattern == MediaPattern.Flighted));
        Assert.Contains(Suite, s => ChannelsOf(s).Any(c => c.Pattern == MediaPattern.AlwaysOn));
        Assert.Contains(Suite, s => ChannelsOf(s).Any(c => c.Pattern == MediaPattern.Campaigns));
        Assert.Contains(Suite, s => ChannelsOf(s).Any(c => c.SpendFollowsControl is not null));
        Assert.Contains(Suite, s => ChannelsOf(s).Any(c => c.DrivenBy is not null));
        Assert.Contains(Suite, s => ChannelsOf(s).Any(c => c.TargetShare is >= 0.01 and <= 0.03) && ChannelsOf(s).Any(c => c.TargetShare is >= 0.15 and <= 0.25));
        Assert.True(Suite.Count(s => ChannelsOf(s).Any(c => c.TargetShare == 0)) >= 3, "the zero-effect channel is in several scenarios");
    }

    [Fact]
    public void Every_channel_states_its_share_and_has_a_drawn_shape_in_the_stated_ranges()
    {
        foreach (var s in Suite)
        {
            foreach (var c in ChannelsOf(s))
            {
                Assert.NotNull(c.TargetShare);
                Assert.InRange(c.AdstockDecay, TruthShapes.DecayMin, TruthShapes.DecayMax);
                if (c.Saturation == SaturationFamily.Logistic)
                {
                    Assert.InRange(c.LogisticLambda, TruthShapes.LambdaMin, TruthShapes.LambdaMax);
                    Assert.Equal((0.0, 0.0), (c.HillSlope, c.HillHalfSaturation));
                    continue;
                }
                Assert.Equal(0.0, c.LogisticLambda);
                Assert.InRange(c.HillSlope, TruthShapes.SlopeMin, TruthShapes.SlopeMax);
                Assert.InRange(c.HillHalfSaturation, TruthShapes.HalfSaturationMin, TruthShapes.HalfSaturationMax);
            }
            // Stratified: with C >= 3 channels the draws span at least (C - 2) / C of each range.
            double minSpan = (s.Spec.Channels.Count - 2.0) / s.Spec.Channels.Count;
            Assert.True(Span(ChannelsOf(s).Select(c => c.AdstockDecay)) >= minSpan * (TruthShapes.DecayMax - TruthShapes.DecayMin) - 1e-3, s.Name);
            var hill = ChannelsOf(s).Where(c => c.Saturation == SaturationFamily.Hill).ToList();
            if (hill.Count == s.Spec.Channels.Count)
                Assert.True(Span(hill.Select(c => c.HillSlope)) >= minSpan * (TruthShapes.SlopeMax - TruthShapes.SlopeMin) - 1e-3, s.Name);
            double scales = ChannelsOf(s).Max(c => c.Scale) / ChannelsOf(s).Min(c => c.Scale);
            Assert.InRange(scales, 10, 20);
        }
    }

    /// <summary>Relative tolerance 4 x noise / sqrt(rows): see SyntheticTargetShareTests.</summary>
    [Fact]
    public void Generated_true_shares_come_out_as_stated_and_zero_effect_channels_contribute_nothing()
    {
        foreach (var s in Suite)
        {
            var generated = Generated[s.Name];
            var shares = generated.Truth.ChannelShares().ToDictionary(x => x.Channel, x => x.Share);
            double relative = 4 * s.Spec.NoiseSdFraction / Math.Sqrt(generated.Panel.RowCount);
            foreach (var c in ChannelsOf(s))
            {
                double target = c.TargetShare!.Value;
                Assert.True(Math.Abs(shares[c.Name] - target) <= relative * target, $"{s.Name}/{c.Name}: {shares[c.Name]} vs {target}");
            }
            var truth = RecoveryTruth.FromSynthetic(generated);
            Assert.Equal(generated.Panel.RowCount, truth.Contributions.Count);
            Assert.Equal(ChannelsOf(s).Where(c => c.TargetShare == 0).Select(c => c.Name), truth.ZeroEffectChannels);
            Assert.Equal(s.Spec.Channels.Where(c => c.DrivenBy is not null).Select(c => new PlantedEdge(c.DrivenBy!, c.Name)), truth.Edges);
        }
    }

    [Fact]
    public void The_ragged_scenarios_have_absent_cells()
    {
        Assert.All(Suite.Where(s => s.Spec.RaggedRegions > 0), s => Assert.True(Generated[s.Name].Panel.AbsentCells > 0, s.Name));
        Assert.All(Suite.Where(s => s.Spec.RaggedRegions == 0), s => Assert.Equal(0, Generated[s.Name].Panel.AbsentCells));
    }

    [Fact]
    public void Scenarios_are_deterministic()
    {
        var first = Suite[3].Load();
        var again = Suite[3].Load();
        Assert.Equal(first.Panel.Kpi, again.Panel.Kpi);
        Assert.Equal(first.Panel.Media, again.Panel.Media);
        Assert.Equal(first.Truth.Contributions.Keys, again.Truth.Contributions.Keys);
        Assert.All(first.Truth.Contributions, kv => Assert.Equal(kv.Value, again.Truth.Contributions[kv.Key]));
    }

    private static double Span(IEnumerable<double> values) => values.Max() - values.Min();
}
