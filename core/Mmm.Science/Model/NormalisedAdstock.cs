using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// Geometric carry-over with weights that sum to one: <c>A[t] = (1 - a) X[t] + a A[t-1]</c>, started in
/// steady state (<c>A[-1] = X[0]</c>, as if the first week's level had run before the panel began).
/// Normalised, the adstocked series keeps the spend's mean whatever the decay, so the Hill half-saturation
/// point stays in units of mean spend and decay and saturation do not trade scale. Computed as one batched
/// product with a lower-triangular decay matrix.
/// </summary>
public static class NormalisedAdstock
{
    /// <param name="media">[B,T,C] non-negative.</param>
    /// <param name="decay">[C] in [0, 1).</param>
    public static Tensor Apply(Tensor media, Tensor decay)
    {
        using var k = new KeptScalars();
        long periods = media.shape[1];
        var device = media.device;
        var time = arange(k[periods], device: device);
        var lag = time.unsqueeze(1) - time.unsqueeze(0); // [T,T] t-s
        var causal = lag.ge(k[0]).to(media.dtype);
        var exponent = lag.clamp_min(k[0]).to(media.dtype);
        var a = decay.view(-1, 1, 1);
        var kernel = (k[1] - a) * a.pow(exponent.unsqueeze(0)) * causal.unsqueeze(0); // [C,T,T]
        var body = einsum("cts,bsc->btc", kernel, media);
        var start = decay.view(1, 1, -1).pow((time.to(media.dtype) + k[1]).view(1, -1, 1)) * media.narrow(1, 0, 1);
        return body + start;
    }
}
