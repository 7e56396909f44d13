using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Model;

/// <summary>
/// The structural forward's composition on hand-made parameters (2 regions, 10 periods, 1 channel, 1 control, 2 seasonal
/// features, no drift, no confounding): the non-negativity floor of the baseline, the parts summing to the prediction, and
/// a batch of ensemble members giving each member its own result.
/// </summary>
public class StructuralModelTests
{
    private const int Regions = 2, Periods = 10, Features = 2;
    private static readonly MmmOptions Options = new() { Architecture = Architecture.Structural };

    /// <summary>Trend time: linear -0.5..0.5 over t = 0..8, one damped step past the end of training at t = 9.</summary>
    private static readonly float[] Time = Enumerable.Range(0, Periods).Select(t => (float)(-0.5 + t / 8.0)).ToArray();

    private static float Sin(int t) => (float)Math.Sin(2 * Math.PI * t / Periods);
    private static float Cos(int t) => (float)Math.Cos(2 * Math.PI * t / Periods);

    private sealed record Hand(float[] Level, float[] Slope, float GlobalSlope, float Damping, float[] Season, float[] GlobalSeason,
        float Effect, float[] RegionEffect, float Control, float[] RegionControl, float Adstock = 0.3f);

    /// <summary>Region 0's level is far below zero; region 1's is 1.</summary>
    private static readonly Hand A = new([-5, 1], [0.1f, 0.2f], 0.1f, 2.2f, [0.05f, -0.02f, 0.03f, 0.04f], [0.1f, 0.05f],
        0.5f, [0.1f, -0.2f], 0.2f, [0.05f, -0.1f]);

    private static readonly Hand B = new([2, 0.5f], [-0.3f, 0.1f], 0.05f, 0.5f, [0.01f, 0.02f, -0.03f, 0.1f], [-0.1f, 0.2f],
        -0.4f, [0.3f, 0], -0.1f, [0, 0.2f], Adstock: -1);

    private static StructuralValues Values(Hand h) => new(
        AdstockRaw: tensor(new[] { h.Adstock }), HillSlopeRaw: tensor(new[] { 0.2f }), HillHalfRaw: tensor(new[] { 0.1f }),
        EffectRaw: tensor(new[] { h.Effect }), RegionEffect: tensor(h.RegionEffect, [Regions, 1]), Baseline: tensor(h.Level),
        TrendSlope: tensor(h.Slope), GlobalTrendSlope: tensor(new[] { h.GlobalSlope }), TrendDampingRaw: tensor(h.Damping),
        SeasonalAmplitude: tensor(h.Season, [Regions, Features]), GlobalSeasonalAmplitude: tensor(h.GlobalSeason),
        ControlCoeff: tensor(new[] { h.Control }), RegionControlCoeff: tensor(h.RegionControl, [Regions, 1]),
        Drift: null, RegionDrift: null, ShapeCentre: null);

    private static StructuralValues Stack(StructuralValues a, StructuralValues b) => new(
        stack([a.AdstockRaw, b.AdstockRaw]), stack([a.HillSlopeRaw, b.HillSlopeRaw]), stack([a.HillHalfRaw, b.HillHalfRaw]),
        stack([a.EffectRaw, b.EffectRaw]), stack([a.RegionEffect, b.RegionEffect]), stack([a.Baseline, b.Baseline]),
        stack([a.TrendSlope, b.TrendSlope]), stack([a.GlobalTrendSlope, b.GlobalTrendSlope]), stack([a.TrendDampingRaw, b.TrendDampingRaw]),
        stack([a.SeasonalAmplitude, b.SeasonalAmplitude]), stack([a.GlobalSeasonalAmplitude, b.GlobalSeasonalAmplitude]),
        stack([a.ControlCoeff, b.ControlCoeff]), stack([a.RegionControlCoeff, b.RegionControlCoeff]), null, null, null);

    private static float[] MediaValues() => Enumerable.Range(0, Regions * Periods).Select(i => (float)(0.5 + 0.1 * (i % 7))).ToArray();
    private static float[] ControlValues() => Enumerable.Range(0, Regions * Periods).Select(i => (float)(i % 3 - 1)).ToArray();

    private static ModelInputs Inputs() => new(
        tensor(MediaValues(), [Regions, Periods, 1]),
        tensor(ControlValues(), [Regions, Periods, 1]),
        tensor(Enumerable.Range(0, Periods).SelectMany(t => new[] { Sin(t), Cos(t) }).ToArray(), [Periods, Features]),
        tensor(Time));

    private static StructuralModel.Parts Compose(StructuralValues v, ModelInputs inputs)
    {
        var (_, hill) = StructuralModel.Response(v, inputs.Media, Options);
        return StructuralModel.Compose(v, inputs, Options, hill, modulation: null);
    }

    private static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    /// <summary>The damped trend time by hand: linear up to 0.5, then 0.5 + φ·step for the one step beyond.</summary>
    private static double TrendTime(int t, double dampingRaw)
    {
        double phi = 1 / (1 + Math.Exp(-dampingRaw));
        return Time[t] <= 0.5 ? Time[t] : 0.5 + phi * (1 / 8.0);
    }

    [Fact]
    public void The_floored_baseline_is_never_negative_and_about_zero_where_the_level_is_far_below_it()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs(); // disposed with the scope
        var parts = Compose(Values(A), inputs);
        var floored = Values(parts.Baseline + parts.Trend + parts.Seasonal);

        Assert.Equal(Regions * Periods, floored.Length);
        Assert.All(floored, b => Assert.True(b >= 0, $"floored baseline {b} below zero"));
        for (int t = 0; t < Periods; t++) Assert.True(floored[t] < 1e-6, $"region 0, period {t}: {floored[t]} instead of about 0");
    }

    [Fact]
    public void Where_the_baseline_is_clearly_positive_the_floor_leaves_level_plus_trend_plus_season()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs(); // disposed with the scope
        var parts = Compose(Values(A), inputs);
        var floored = Values(parts.Baseline + parts.Trend + parts.Seasonal);
        var trend = Values(parts.Trend);
        var seasonal = Values(parts.Seasonal);
        var baseline = Values(parts.Baseline);

        for (int r = 0; r < Regions; r++)
            for (int t = 0; t < Periods; t++)
            {
                int i = r * Periods + t;
                double handTrend = (A.GlobalSlope + A.Slope[r]) * TrendTime(t, A.Damping);
                double handSeason = (A.GlobalSeason[0] + A.Season[r * Features]) * Sin(t) + (A.GlobalSeason[1] + A.Season[r * Features + 1]) * Cos(t);
                Assert.Equal(handTrend, trend[i], 1e-5);
                Assert.Equal(handSeason, seasonal[i], 1e-5);
                if (r == 1)
                {
                    Assert.Equal(A.Level[1] + handTrend + handSeason, floored[i], 1e-4);
                    Assert.Equal(A.Level[1], baseline[i], 1e-4); // the floor's correction is 0 here: the baseline part is the level
                }
                else
                    Assert.Equal(-(handTrend + handSeason), baseline[i], 1e-4); // the correction cancels trend and season
            }
    }

    [Fact]
    public void The_parts_sum_to_the_prediction_and_the_contributions_are_coefficient_times_input()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs(); // disposed with the scope
        foreach (var hand in new[] { A, B })
        {
            var v = Values(hand);
            var (_, hill) = StructuralModel.Response(v, inputs.Media, Options);
            var parts = StructuralModel.Compose(v, inputs, Options, hill, modulation: null);
            var sum = Values(parts.MediaContributions.sum(-1) + parts.ControlContributions.sum(-1) + parts.Baseline + parts.Trend + parts.Seasonal);
            var prediction = Values(parts.Prediction);
            Assert.Equal(new long[] { Regions, Periods }, parts.Prediction.shape);
            for (int i = 0; i < sum.Length; i++) Assert.Equal(prediction[i], sum[i], 1e-5);

            var hillValues = Values(hill);
            var media = Values(parts.MediaContributions);
            var controls = Values(parts.ControlContributions);
            var x = ControlValues();
            double pooledEffect = Math.Log(1 + Math.Exp(hand.Effect));
            for (int r = 0; r < Regions; r++)
                for (int t = 0; t < Periods; t++)
                {
                    int i = r * Periods + t;
                    Assert.Equal(pooledEffect * Math.Exp(hand.RegionEffect[r]) * hillValues[i], media[i], 1e-5);
                    Assert.Equal(x[i] * (hand.Control + hand.RegionControl[r]), controls[i], 1e-5);
                }
        }
    }

    [Fact]
    public void A_batch_of_members_gives_each_member_its_single_result()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs(); // disposed with the scope
        var a = Values(A);
        var b = Values(B);
        var batch = Compose(Stack(a, b), inputs);
        Assert.Equal(new long[] { 2, Regions, Periods }, batch.Prediction.shape);
        Assert.Equal(new long[] { 2, Regions, Periods, 1 }, batch.MediaContributions.shape);

        var singles = new[] { Compose(a, inputs), Compose(b, inputs) };
        for (int m = 0; m < 2; m++)
        {
            var single = singles[m];
            Close(single.Prediction, batch.Prediction[m]);
            Close(single.Baseline, batch.Baseline[m]);
            Close(single.Trend, batch.Trend[m]);
            Close(single.Seasonal, batch.Seasonal[m]);
            Close(single.MediaContributions, batch.MediaContributions[m]);
            Close(single.ControlContributions, batch.ControlContributions[m]);
            Close(single.MediaCoefficients, batch.MediaCoefficients[m]);
        }
        // The members differ, so the comparison above is not between equal numbers.
        Assert.False(allclose(singles[0].Prediction, singles[1].Prediction, rtol: 1e-3, atol: 1e-3));

        static void Close(Tensor expected, Tensor actual)
        {
            Assert.Equal(expected.shape, actual.shape);
            Assert.True(allclose(expected, actual, rtol: 1e-5, atol: 1e-5), $"{string.Join(",", Values(expected))} vs {string.Join(",", Values(actual))}");
        }
    }
}
