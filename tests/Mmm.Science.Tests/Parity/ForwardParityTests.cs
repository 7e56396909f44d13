using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Parity;

public class ForwardParityTests
{
    public static readonly string[] OutputNames =
    [
        "y_pred", "coefficients", "control_coefficients", "contributions", "control_contributions", "baseline",
        "seasonal_contribution", "trend_contribution", "media_adstock", "media_hill", "media_dag", "raw_prediction",
        "prediction_scale",
    ];

    internal static ReferenceOutputs RunForward(string caseName, out System.Text.Json.JsonElement goldenCase)
    {
        goldenCase = GoldenFile.Case(caseName);
        var net = GoldenFile.Network(goldenCase);
        var media = GoldenFile.ToTensor(goldenCase.At("inputs", "Xm"));
        var controls = GoldenFile.ToTensor(goldenCase.At("inputs", "Xc"));
        var seasonal = GoldenFile.PaddedSeasonal(goldenCase.At("model_attributes_not_in_state_dict", "seasonal_components"), media.shape[1]);
        using var _ = no_grad();
        return net.Forward(new ModelInputs(media, controls, seasonal, zeros(media.shape[1])), dropoutMask: null);
    }

    internal static Tensor Output(ReferenceOutputs o, string name) => name switch
    {
        "y_pred" => o.Prediction,
        "coefficients" => o.MediaCoefficients,
        "control_coefficients" => o.ControlCoefficients,
        "contributions" => o.MediaContributions,
        "control_contributions" => o.ControlContributions,
        "baseline" => o.Baseline,
        "seasonal_contribution" => o.Seasonal,
        "trend_contribution" => o.Trend,
        "media_adstock" => o.MediaAdstock,
        "media_hill" => o.MediaHill,
        "media_dag" => o.MediaDag,
        "raw_prediction" => o.RawPrediction,
        "prediction_scale" => o.PredictionScale,
        "ctrl_features" => o.ControlFeatures,
        "gru_h_seq" => o.GruStates,
        "media_coeffs_raw" => o.MediaCoefficientsRaw,
        "ctrl_coeffs_raw" => o.ControlCoefficientsRaw,
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("forward_triangular")]
    [InlineData("forward_notears")]
    public void Outputs_match_the_reference(string caseName)
    {
        var outputs = RunForward(caseName, out var golden);
        foreach (var name in OutputNames)
            Tolerance.Close($"{caseName}.{name}", Output(outputs, name), GoldenFile.Values(golden.At("outputs", name)));
    }

    [Theory]
    [InlineData("forward_triangular")]
    [InlineData("forward_notears")]
    public void Intermediates_match_the_reference(string caseName)
    {
        var outputs = RunForward(caseName, out var golden);
        foreach (var name in new[] { "ctrl_features", "gru_h_seq", "media_coeffs_raw", "ctrl_coeffs_raw" })
            Tolerance.Close($"{caseName}.{name}", Output(outputs, name), GoldenFile.Values(golden.At("intermediates", name)));
    }

    [Fact]
    public void Clamp_boundaries_are_exact()
    {
        var golden = GoldenFile.Case("forward_triangular");
        var net = GoldenFile.Network(golden);
        var decay = net.AdstockDecay().data<float>().ToArray();
        Assert.Equal(0.8f, decay[2]);
        var slope = HillSaturation.Slope(net.HillA).data<float>().ToArray();
        Assert.Equal(2.0f, slope[0]);
        Assert.Equal(5.0f, slope[2]);
        var trend = RunForward("forward_triangular", out _).Trend.data<float>().ToArray();
        Assert.All(trend, v => Assert.Equal(0f, v));
    }
}
