using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

/// <summary>The logistic saturation family (PyMC-Marketing's logistic_saturation) next to the default Hill.</summary>
public class SyntheticSaturationTests
{
    [Theory]
    [InlineData(0.0, 2.0, 0.0)]
    [InlineData(1.0, 2.0, 0.76159415595576485)] // tanh(1)
    [InlineData(2.0, 0.5, 0.46211715726000974)] // tanh(0.5)
    [InlineData(0.5, 3.0, 0.63514895238728730)] // tanh(0.75)
    [InlineData(40.0, 3.0, 1.0)]
    public void Logistic_is_the_closed_form(double x, double lambda, double expected) =>
        Assert.Equal(expected, ResponseCurves.Logistic(x, lambda), 1e-15);

    [Fact]
    public void A_logistic_channel_contributes_beta_times_the_logistic_of_its_mean_scaled_adstock()
    {
        var channel = new SyntheticChannelSpec("media_tv", MediaPattern.Flighted, 2_000, AdstockDecay: 0.5, HillSlope: 0, HillHalfSaturation: 0, Beta: 3_000)
        {
            Saturation = SaturationFamily.Logistic,
            LogisticLambda = 1.5,
        };
        var s = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Seed = 3, Regions = 2, Weeks = 60, Channels = [channel] });
        for (int r = 0; r < 2; r++)
        {
            double[] adstock = new double[60];
            for (int t = 0; t < 60; t++) adstock[t] = s.Panel.MediaAt(r, t, 0) + (t > 0 ? 0.5 * adstock[t - 1] : 0);
            double mean = adstock.Average(), beta = 3_000 * s.Truth.RegionSize[r];
            for (int t = 0; t < 60; t++)
            {
                double e = Math.Exp(-1.5 * adstock[t] / mean);
                Assert.Equal(beta * (1 - e) / (1 + e), s.Truth.ContributionAt(r, t, "media_tv"), 1e-9 * beta);
            }
        }
        Assert.Contains("\"Saturation\":\"Logistic\"", System.Text.Json.JsonSerializer.Serialize(channel));
        Assert.DoesNotContain("\"Saturation\"", System.Text.Json.JsonSerializer.Serialize(channel with { Saturation = SaturationFamily.Hill, LogisticLambda = 0 }));
    }

    [Fact]
    public void Curve_parameters_must_fit_the_family()
    {
        var hill = new SyntheticChannelSpec("media_a", MediaPattern.AlwaysOn, 1, 0.2, 1, 1, 1);
        var logistic = hill with { Saturation = SaturationFamily.Logistic, HillSlope = 0, HillHalfSaturation = 0 };
        SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Channels = [logistic with { LogisticLambda = 0.8 }] });
        Assert.Contains("LogisticLambda", Assert.Throws<ArgumentException>(() =>
            SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Channels = [logistic] })).Message);
        Assert.Contains("LogisticLambda", Assert.Throws<ArgumentException>(() =>
            SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Channels = [hill with { LogisticLambda = 0.8 }] })).Message);
        Assert.Contains("Hill", Assert.Throws<ArgumentException>(() =>
            SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Channels = [hill with { HillSlope = 0 }] })).Message);
    }
}
