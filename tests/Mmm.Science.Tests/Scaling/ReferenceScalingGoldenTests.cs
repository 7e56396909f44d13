using Mmm.Science.Options;
using Mmm.Science.Scaling;
using Xunit.Abstractions;
using static Mmm.Science.Tests.Scaling.GoldenScalerCase;

namespace Mmm.Science.Tests.Scaling;

/// <summary>Parity with the reference SimpleGlobalScaler on the golden `scaler` case.</summary>
public class ReferenceScalingGoldenTests(ITestOutputHelper output)
{
    private const double Abs = 1e-6, Rel = 1e-5;

    private static ReferenceControlFit FitControls() =>
        ReferenceControlScaling.Fit(Slice(ControlValues, Controls, 0, TrainWeeks), Regions, TrainWeeks, Controls);

    [Fact]
    public void Control_constants_match_the_reference()
    {
        var fit = FitControls();
        // torch.median returns the lower middle value: 57, not 57.5.
        Assert.Equal([57f, 0f], fit.Median);
        foreach (var (name, actual) in new[] { ("median", fit.Median), ("q25", fit.Q25), ("q75", fit.Q75), ("scale", fit.Scale) })
        {
            var expected = GoldenFile.Tensor($"scaler/fitted/control_{name}");
            output.WriteLine($"{name}: max |diff| {Close.All(expected, actual, Abs, Rel, name):E3}, float32 mismatches {Bits.Mismatches(expected, actual)}");
        }
    }

    [Fact]
    public void Kpi_means_match_the_reference_in_float64()
    {
        var y = Slice(Kpi, 1, 0, TrainWeeks).Select(v => (double)v).ToArray();
        var means = KpiScaling.FitMeans(y, Regions, TrainWeeks);
        Close.All(GoldenFile.Tensor("scaler/fitted/y_mean_per_region"), means, 0, 1e-12, "y_mean_per_region");
    }

    [Theory]
    [MemberData(nameof(Transforms), MemberType = typeof(GoldenScalerCase))]
    public void Transforms_match_the_reference(string name, int first, int count)
    {
        var media = ShareOfVoice.Transform(Slice(Media, Channels, first, count), Regions, count, Channels);
        var expectedMedia = GoldenFile.Tensor($"scaler/{name}/media_sov");
        output.WriteLine($"media_sov: max |diff| {Close.All(expectedMedia, media, Abs, Rel, "media_sov"):E3}, float32 mismatches {Bits.Mismatches(expectedMedia, media)}");

        var controls = ReferenceControlScaling.Transform(Slice(ControlValues, Controls, first, count), Regions, count, Controls, FitControls());
        var expectedControls = GoldenFile.Tensor($"scaler/{name}/controls");
        output.WriteLine($"controls: max |diff| {Close.All(expectedControls, controls.Scaled, Abs, Rel, "controls"):E3}, float32 mismatches {Bits.Mismatches(expectedControls, controls.Scaled)}");
        AssertClipBoundariesExact(expectedControls, controls.Scaled);
        double ratioGolden = GoldenFile.Scalar($"scaler/{name}/derived_control_std_ratio");
        Close.All([ratioGolden], [controls.StdRatio], 0, 1e-5, "std ratio");
        output.WriteLine($"std ratio: {controls.StdRatio:R} vs {ratioGolden:R}");
        Assert.Equal((float)GoldenFile.Scalar($"scaler/{name}/derived_clip_range"), controls.Clip);

        var yTrain = Slice(Kpi, 1, 0, TrainWeeks).Select(v => (double)v).ToArray();
        var divisors = KpiScaling.Divisors(KpiScaling.FitMeans(yTrain, Regions, TrainWeeks), referenceCompat: true);
        var y = KpiScaling.Transform(Slice(Kpi, 1, first, count).Select(v => (double)v).ToArray(), Regions, count, divisors);
        var expectedY = GoldenFile.Tensor($"scaler/{name}/y");
        output.WriteLine($"y: max |diff| {Close.All(expectedY, y, Abs, Rel, "y"):E3}, float32 mismatches {Bits.Mismatches(expectedY, y)}");
    }

    [Fact]
    public void Empty_week_gets_exactly_one_over_c()
    {
        var media = ShareOfVoice.Transform(Media, Regions, Weeks, Channels);
        var golden = GoldenFile.TensorF("scaler/transform_all_12_weeks/media_sov");
        for (int c = 0; c < Channels; c++)
        {
            int i = 3 * Channels + c; // region 0, week 3: all media 0
            Assert.Equal(1f / 3f, media[i]);
            Assert.Equal(golden[i], media[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Transforms), MemberType = typeof(GoldenScalerCase))]
    public void Panel_scaler_in_reference_mode_reproduces_the_golden_transforms(string name, int first, int count)
    {
        var panel = AsPanel();
        var scaler = PanelScaler.Fit(panel, TrainWeeks, MmmOptions.Reference);
        Close.All(GoldenFile.Tensor("scaler/fitted/y_mean_per_region"), scaler.KpiMean, 0, 1e-12, "y_mean_per_region");

        var scaled = scaler.Transform(panel, first, count);
        Close.All(GoldenFile.Tensor($"scaler/{name}/media_sov"), scaled.Media, Abs, Rel, "media_sov");
        Close.All(GoldenFile.Tensor($"scaler/{name}/controls"), scaled.Controls, Abs, Rel, "controls");
        Close.All(GoldenFile.Tensor($"scaler/{name}/y"), scaled.Kpi, Abs, Rel, "y");
        Assert.Equal((float)GoldenFile.Scalar($"scaler/{name}/derived_clip_range"), scaled.ControlClip);
    }

    private static void AssertClipBoundariesExact(double[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i]) is 3.5 or 5.0)
                Assert.Equal((float)expected[i], actual[i]);
    }
}
