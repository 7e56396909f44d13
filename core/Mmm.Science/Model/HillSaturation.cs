using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>Hill saturation <c>x^s / (x^s + g^s)</c> with the reference's clamps and epsilons.</summary>
public static class HillSaturation
{
    public const double MinSlope = 2.0, MaxSlope = 5.0, MinHalf = 0.01, MaxHalf = 1.0;

    public static Tensor Slope(Tensor hillA)
    {
        using var k = new KeptScalars();
        return nn.functional.softplus(hillA).clamp(k[MinSlope], k[MaxSlope]);
    }
    public static Tensor HalfSaturation(Tensor hillG)
    {
        using var k = new KeptScalars();
        return nn.functional.softplus(hillG).clamp(k[MinHalf], k[MaxHalf]);
    }

    /// <param name="adstocked">[B,T,C]</param>
    public static Tensor Apply(Tensor adstocked, Tensor hillA, Tensor hillG)
    {
        using var k = new KeptScalars();
        var s = Slope(hillA).view(1, 1, -1);
        var g = HalfSaturation(hillG).view(1, 1, -1);
        var x = nn.functional.relu(adstocked) + k[1e-8];
        var num = x.pow(s);
        return (num / (num + g.pow(s) + k[1e-8])).clamp(k[0], k[1]);
    }
}
