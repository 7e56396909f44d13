using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>Hill saturation <c>x^s / (x^s + g^s)</c> with the reference's clamps and epsilons.</summary>
public static class HillSaturation
{
    public const double MinSlope = 2.0, MaxSlope = 5.0, MinHalf = 0.01, MaxHalf = 1.0;

    public static Tensor Slope(Tensor hillA) => nn.functional.softplus(hillA).clamp(MinSlope, MaxSlope);
    public static Tensor HalfSaturation(Tensor hillG) => nn.functional.softplus(hillG).clamp(MinHalf, MaxHalf);

    /// <param name="adstocked">[B,T,C]</param>
    public static Tensor Apply(Tensor adstocked, Tensor hillA, Tensor hillG)
    {
        var s = Slope(hillA).view(1, 1, -1);
        var g = HalfSaturation(hillG).view(1, 1, -1);
        var x = nn.functional.relu(adstocked) + 1e-8;
        var num = x.pow(s);
        return (num / (num + g.pow(s) + 1e-8)).clamp(0, 1);
    }
}
