namespace Mmm.Science.Results;

/// <summary>
/// A channel's fitted response curve (summary.json's <c>responseCurves</c>): the media are carried over by
/// geometric adstock, then saturated by a Hill curve <c>x^slope / (x^slope + half^slope)</c>.
/// </summary>
/// <param name="AdstockDecay">Share of a week's media carried into the next week.</param>
/// <param name="HillSlope">Below 1 concave from the origin, above 1 S-shaped.</param>
/// <param name="HillHalfSaturation">Adstocked media at half saturation, in the model's scaled media units: with the
/// default <c>perChannelRegionMean</c> scaling, multiples of the channel's mean weekly media in its region over the
/// training weeks (1 = saturation half reached at an average week).</param>
public sealed record ResponseCurve(string Channel, double AdstockDecay, double HillSlope, double HillHalfSaturation)
{
    /// <summary>
    /// Percent change of the channel's contribution per percent more adstocked media at an average week (media at
    /// its mean, 1 in the scaled units): <c>slope / (1 + half^-slope)</c>. The data pin a channel's marginal effect
    /// where its media vary; its contribution is that marginal effect divided by this elasticity, so where the data
    /// do not pin the curve's shape they do not pin the channel's share either.
    /// </summary>
    public double ElasticityAtMean => HillSlope / (1 + Math.Pow(HillHalfSaturation, -HillSlope));
}
