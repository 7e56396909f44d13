using Mmm.Lab.Recovery;
using Mmm.Science.Results;

namespace Mmm.Lab.Tests.Recovery;

public class ElasticityDiagnosisTests
{
    [Theory]
    [InlineData(2.0, 1.0)]
    [InlineData(1.7, 0.8)]
    [InlineData(0.7, 1.4)]
    [InlineData(3.0, 0.5)]
    public void The_elasticity_at_mean_is_the_log_derivative_of_the_hill_curve_at_an_average_week(double slope, double half)
    {
        // d ln Hill / d ln x at x = 1, by central differences on the curve x^s / (x^s + g^s) itself.
        double Hill(double x) => Math.Pow(x, slope) / (Math.Pow(x, slope) + Math.Pow(half, slope));
        const double h = 1e-5;
        double numeric = (Math.Log(Hill(Math.Exp(h))) - Math.Log(Hill(Math.Exp(-h)))) / (2 * h);
        Assert.Equal(numeric, new ResponseCurve("c", 0.3, slope, half).ElasticityAtMean, 6);
    }

    private static ChannelScore Channel(double trueShare, double modelShare, ResponseCurve? truth, ResponseCurve? model, bool zero = false) =>
        new("c", trueShare, modelShare, Spend: 1, trueShare, modelShare, TrueRoas: trueShare, ModelRoas: modelShare, zero, TrueShape: truth, ModelShape: model);

    private static ResponseCurve Curve(double slope, double half) => new("c", 0.3, slope, half);

    [Fact]
    public void Shares_wrong_by_exactly_their_elasticity_ratio_give_slope_one_and_r_squared_one()
    {
        var pairs = new[] { (Curve(2.0, 1.0), Curve(1.5, 0.8)), (Curve(1.2, 0.6), Curve(2.5, 1.2)), (Curve(3.0, 0.9), Curve(1.7, 0.8)) };
        var channels = pairs.Select((p, i) =>
        {
            double truth = 0.05 * (i + 1);
            return Channel(truth, truth * p.Item1.ElasticityAtMean / p.Item2.ElasticityAtMean, p.Item1, p.Item2);
        }).ToList();
        var fit = ElasticityDiagnosis.From(channels)!;
        Assert.Equal(3, fit.Channels);
        Assert.Equal(1.0, fit.Slope, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
        Assert.StartsWith("shapes: over 3 channels with an effect", fit.Line());
        Assert.EndsWith("slope 1.00, R² 1.00", fit.Line());
    }

    [Fact]
    public void Zero_effect_tiny_shrunk_and_curveless_channels_are_left_out()
    {
        var (t, m) = (Curve(2.0, 1.0), Curve(1.5, 0.8));
        var usable = new[] { Channel(0.10, 0.12, t, m), Channel(0.05, 0.04, m, t), Channel(0.08, 0.08, t, t) };
        var leftOut = new[]
        {
            Channel(0.0, 0.01, t, m, zero: true),   // no effect
            Channel(0.002, 0.004, t, m),            // true share below 0.5 %
            Channel(0.03, 0.004, t, m),             // (partly) shrunk: the model gives it below 0.5 %
            Channel(0.06, 0.09, null, m),           // true curve unknown (the pymc example)
        };
        Assert.Equal(3, ElasticityDiagnosis.From(usable.Concat(leftOut))!.Channels);
        Assert.Null(ElasticityDiagnosis.From(usable.Take(2).Concat(leftOut))); // fewer than three: no line
    }
}
