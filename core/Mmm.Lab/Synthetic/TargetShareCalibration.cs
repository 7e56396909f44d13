namespace Mmm.Lab.Synthetic;

/// <summary>
/// Solves each region's beta for the channels that state a <see cref="SyntheticChannelSpec.TargetShare"/>.
/// The noise-free KPI is a sum, so the solution is closed form. Over one region's span let N be the sum of
/// every other noise-free component (baseline, trend, seasonality, controls and the channels with a fixed
/// beta), H_c the sum of channel c's saturation response and S the sum of the target shares. Contributions
/// beta_c * H_c = s_c * K with K = N + sum_c beta_c * H_c the noise-free KPI give K = N / (1 - S), hence
/// beta_c = s_c * N / ((1 - S) * H_c). Each channel is then exactly s_c of the region's noise-free KPI, and so
/// of the noise-free KPI of any set of whole regions; against the actual KPI the share is off only by the
/// noise's sum over the span (mean zero), a relative error of about NoiseSdFraction / sqrt(weeks x regions).
/// </summary>
internal static class TargetShareCalibration
{
    /// <param name="otherComponentsTotal">N: the region's noise-free KPI without the calibrated channels.</param>
    /// <param name="responseTotal">H_c: the sum over the span of the channel's saturation response (0 to 1 per week).</param>
    /// <param name="targetShare">s_c.</param>
    /// <param name="targetShareSum">S, over every calibrated channel of the panel.</param>
    public static double Beta(double otherComponentsTotal, double responseTotal, double targetShare, double targetShareSum)
    {
        if (targetShare == 0.0) return 0.0;
        if (!(otherComponentsTotal > 0.0))
            throw new InvalidOperationException(
                $"Cannot calibrate target shares: the region's KPI without those channels sums to {otherComponentsTotal}.");
        if (!(responseTotal > 0.0))
            throw new InvalidOperationException("Cannot calibrate a target share for a channel with no response in a region.");
        return targetShare * otherComponentsTotal / ((1.0 - targetShareSum) * responseTotal);
    }
}
