using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

/// <summary>
/// The shape pooling's hierarchical prior against its closed form: channel values v_c normal around a panel centre m
/// (sd w), m normal around the prior median p (sd b), with w² + b² = sd² and b² = pooling · sd².
/// </summary>
public class ShapePoolingTests
{
    private const double Median = 1.7, Sd = 0.3, Pooling = 0.5;

    /// <summary>A structural network whose only prior is the Hill slope's, with the given slopes and slope centre.</summary>
    private static ModulatedMmmNetwork Network(double[] slopes, double? centre, double pooling = Pooling)
    {
        var o = new MmmOptions
        {
            Architecture = Architecture.Structural, AdstockPriorSd = 0, HillHalfPriorSd = 0,
            HillSlopePrior = Median, HillSlopePriorSd = Sd, ShapePooling = pooling,
        };
        var net = new ModulatedMmmNetwork(o, slopes.Length, controls: 1, regions: 2, seasonalFeatures: 2);
        using var _ = no_grad();
        using var raw = tensor(slopes.Select(s => (float)Math.Log((s - o.HillSlopeMin) / (o.HillSlopeMax - s))).ToArray());
        net.HillSlopeRaw.copy_(raw);
        if (centre is double m)
        {
            using var value = tensor((float)m);
            net.ShapeCentre![1] = value;
        }
        return net;
    }

    private static double Prior(ModulatedMmmNetwork net)
    {
        using var p = ModulatedLoss.Priors(net, null!, null!, withShrinkage: false);
        return p.item<float>();
    }

    [Fact]
    public void Without_pooling_there_is_no_panel_centre_and_the_prior_is_the_independent_one()
    {
        var net = Network([2.4], centre: null, pooling: 0);
        Assert.Null(net.ShapeCentre);
        double z = (Math.Log(2.4) - Math.Log(Median)) / Sd;
        Assert.Equal(0.5 * z * z, Prior(net), 4);
    }

    [Fact]
    public void For_one_channel_the_pooled_prior_at_its_best_centre_is_the_independent_prior()
    {
        // Profiling m out of ½(v-m)²/w² + ½(m-p)²/b² leaves ½(v-p)²/(w²+b²) = ½(v-p)²/sd²: pooling keeps each channel's prior.
        double v = Math.Log(2.4), p = Math.Log(Median), w2 = Sd * Sd * (1 - Pooling), b2 = Sd * Sd * Pooling;
        double best = (v / w2 + p / b2) / (1 / w2 + 1 / b2);
        double z = (v - p) / Sd;
        Assert.Equal(0.5 * z * z, Prior(Network([2.4], best)), 4);
        Assert.True(Prior(Network([2.4], best + 0.1)) > 0.5 * z * z + 1e-3);
    }

    [Fact]
    public void The_best_panel_centre_is_the_precision_weighted_mean_of_the_channels_and_the_median()
    {
        double[] slopes = [1.2, 2.6, 2.9];
        double w2 = Sd * Sd * (1 - Pooling), b2 = Sd * Sd * Pooling;
        double best = (slopes.Sum(s => Math.Log(s)) / w2 + Math.Log(Median) / b2) / (slopes.Length / w2 + 1 / b2);
        var net = Network(slopes, best);
        using var prior = ModulatedLoss.Priors(net, null!, null!, withShrinkage: false);
        prior.backward();
        Assert.Equal(0.0, net.ShapeCentre!.grad!.data<float>()[1], 4);
        Assert.True(best > Math.Log(Median)); // two of three channels above the median pull the centre up
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Pooling_outside_zero_to_below_one_is_rejected(double pooling)
    {
        Assert.Equal("shapePooling", MmmOptionsValidator.FirstProblem(new MmmOptions { ShapePooling = pooling })?.Key);
    }
}
