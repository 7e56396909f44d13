using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Parity;

public class InitParityTests
{
    [Fact]
    public void Data_driven_initialisation_matches_the_reference()
    {
        var golden = GoldenFile.Case("init");
        var net = GoldenFile.Network(golden, "state_dict_after_all_inits");
        // Start from the constructor values the reference had before the three init calls.
        var before = golden.GetProperty("steps")[0].GetProperty("params");
        GoldenFile.LoadState(net, before);
        var media = GoldenFile.ToTensor(golden.At("inputs", "Xm"));
        var controls = GoldenFile.ToTensor(golden.At("inputs", "Xc"));
        var y = GoldenFile.ToTensor(golden.At("inputs", "y"));
        var burnIn = golden.At("constructor_args", "burn_in_weeks").GetInt32();
        // The reference drops its zero padding weeks: every cell after them counts.
        var cells = ones_like(y);
        cells.narrow(1, 0, burnIn).zero_();

        DataDrivenInit.Baseline(net, y, cells);
        DataDrivenInit.StableCoefficients(net, media, controls, y, cells);
        DataDrivenInit.HillHalfSaturation(net, media, cells, referenceLogit: true);

        var after = golden.GetProperty("state_dict_after_all_inits");
        var parameters = net.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var name in new[] { "region_baseline", "global_bias", "prediction_scale", "stable_media_coeff", "stable_ctrl_coeff", "hill_g" })
            Tolerance.Close(name, parameters[name], GoldenFile.Values(after.GetProperty(name)), 1e-6, 1e-5);
    }

    [Fact]
    public void Forward_after_initialisation_matches_the_reference()
    {
        var golden = GoldenFile.Case("init");
        var net = GoldenFile.Network(golden, "state_dict_after_all_inits");
        var media = GoldenFile.ToTensor(golden.At("inputs", "Xm"));
        var controls = GoldenFile.ToTensor(golden.At("inputs", "Xc"));
        var seasonal = GoldenFile.PaddedSeasonal(golden.GetProperty("steps")[1].GetProperty("seasonal_components"), media.shape[1]);
        using var _ = no_grad();
        var outputs = net.Forward(new ModelInputs(media, controls, seasonal, zeros(media.shape[1])), null);
        foreach (var name in ForwardParityTests.OutputNames)
            Tolerance.Close(name, ForwardParityTests.Output(outputs, name), GoldenFile.Values(golden.At("forward_after_init", "outputs", name)));
    }
}
