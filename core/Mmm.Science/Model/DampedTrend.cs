using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// Trend time: linear over the training range (TrendTime in [-0.5, 0.5] there); beyond it each step adds
/// phi^k of a training step, so forecasts flatten instead of extrapolating a straight line.
/// </summary>
public static class DampedTrend
{
    /// <param name="linearTime">[T] the plain linear index (0.5 at the last training week).</param>
    /// <param name="phi">Damping factor in (0, 1), learned: a scalar ([1]: the result is [T]) or one per ensemble member ([M,1]: [M,T]).</param>
    public static Tensor Time(Tensor linearTime, Tensor phi)
    {
        using var kept = new KeptScalars(); // not k: that name is taken below
        var beyond = (linearTime - kept[0.5]).clamp_min(kept[0]);
        var step = linearTime.numel() > 1 ? (linearTime[1] - linearTime[0]).abs().clamp_min(kept[1e-6]) : ones(1, device: linearTime.device);
        var k = beyond / step; // steps past the end of training
        // sum_{i=1..k} phi^i = phi (1 - phi^k) / (1 - phi)
        var damped = phi * (kept[1] - phi.pow(k)) / (kept[1] - phi) * step;
        return where(linearTime > kept[0.5], kept[0.5] + damped, linearTime);
    }
}
