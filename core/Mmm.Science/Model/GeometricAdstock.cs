using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// Geometric adstock <c>A[0] = X[0]; A[t] = clamp(X[t] + a*A[t-1], 0, 10)</c> per channel.
/// Without the clamp it is a linear recursion, computed as one batched product with a lower-triangular
/// decay matrix instead of T sequential steps. Media are non-negative, so the lower clamp never binds;
/// the upper one is monotone, so when the unclamped result stays within 10 it equals the clamped
/// recursion exactly, and only otherwise do we fall back to the sequential form.
/// </summary>
public static class GeometricAdstock
{
    public const double Ceiling = 10.0;

    /// <param name="media">[B,T,C], non-negative.</param>
    /// <param name="decay">[C] decay in [0, 0.8].</param>
    public static Tensor Apply(Tensor media, Tensor decay)
    {
        using var k = new KeptScalars();
        var periods = media.shape[1];
        using var scope = NewDisposeScope();
        var lag = arange(k[periods], device: media.device).unsqueeze(1) - arange(k[periods], device: media.device).unsqueeze(0); // [T,T] t-s
        var causal = lag.ge(k[0]);
        var exponent = lag.clamp_min(k[0]).to(media.dtype);
        // [C,T,T]: decay^(t-s) for s <= t, else 0
        var kernel = decay.view(-1, 1, 1).pow(exponent.unsqueeze(0)) * causal.unsqueeze(0).to(media.dtype);
        var result = einsum("cts,bsc->btc", kernel, media);
        if (result.max().item<float>() <= Ceiling)
            return result.MoveToOuterDisposeScope();
        return Sequential(media, decay).MoveToOuterDisposeScope();
    }

    /// <summary>The reference's step-by-step recursion (used when the ceiling binds).</summary>
    public static Tensor Sequential(Tensor media, Tensor decay)
    {
        using var k = new KeptScalars();
        var (zero, ceiling) = (k[0], k[Ceiling]); // made once, not per step
        var periods = media.shape[1];
        var a = decay.view(1, 1, -1);
        var steps = new List<Tensor> { media.narrow(1, 0, 1) };
        for (long t = 1; t < periods; t++)
            steps.Add((media.narrow(1, t, 1) + a * steps[^1]).clamp(zero, ceiling));
        return cat(steps, 1);
    }
}
