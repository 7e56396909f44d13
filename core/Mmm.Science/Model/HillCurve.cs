using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// Hill saturation <c>x^s / (x^s + g^s)</c>, written as <c>sigmoid(s (ln x - ln g))</c> so that it is smooth
/// for every slope (s &lt; 1 is concave from the origin, s &gt; 1 S-shaped) and finite at zero spend.
/// </summary>
public static class HillCurve
{
    /// <summary>Added to x before the logarithm: far below any week with spend on mean-scaled media.</summary>
    public const double Epsilon = 1e-6;

    /// <param name="x">[B,T,C] (or [M,B,T,C]) non-negative.</param><param name="slope">[C] (or [M,C], one per ensemble member)</param>
    /// <param name="half">shaped as <paramref name="slope"/></param>
    public static Tensor Apply(Tensor x, Tensor slope, Tensor half)
    {
        using var k = new KeptScalars();
        return sigmoid(slope.unsqueeze(-2).unsqueeze(-2) * (log(x.clamp_min(k[0]) + k[Epsilon]) - log(half).unsqueeze(-2).unsqueeze(-2)));
    }
}
