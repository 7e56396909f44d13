using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// Geometric carry-over with weights that sum to one: <c>A[t] = (1 - a) X[t] + a A[t-1]</c>, started in
/// steady state (<c>A[-1] = X[0]</c>, as if the first week's level had run before the panel began).
/// Normalised, the adstocked series keeps the spend's mean whatever the decay, so the Hill half-saturation
/// point stays in units of mean spend and decay and saturation do not trade scale. Computed as a parallel prefix
/// scan (Hillis and Steele): after step k every week holds the sum over its last 2^(k+1) weeks, so ⌈log₂ T⌉ steps of
/// whole-tensor operations replace T sequential ones, and no T x T kernel is built (at M ensemble members x C channels
/// that kernel's allocations cost more than the arithmetic).
/// </summary>
public static class NormalisedAdstock
{
    /// <param name="media">[B,T,C] non-negative.</param>
    /// <param name="decay">[C] in [0, 1), or [M,C] for M ensemble members at once (the result is then [M,B,T,C]).</param>
    public static Tensor Apply(Tensor media, Tensor decay)
    {
        using var k = new KeptScalars();
        long periods = media.shape[1];
        var a = decay.unsqueeze(-2).unsqueeze(-2); // [(M,)1,1,C]
        var sum = (k[1] - a) * media; // [(M,)B,T,C]
        var power = a;
        for (long shift = 1; shift < periods; shift *= 2)
        {
            var earlier = nn.functional.pad(sum.narrow(-2, 0, periods - shift), [0, 0, shift, 0]);
            sum = sum + power * earlier;
            power = power * power;
        }
        var time = arange(k[periods], dtype: media.dtype, device: media.device).view(-1, 1);
        var start = a.pow(time + k[1]) * media.narrow(1, 0, 1);
        return sum + start;
    }
}
