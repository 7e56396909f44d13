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
public sealed record ResponseCurve(string Channel, double AdstockDecay, double HillSlope, double HillHalfSaturation);
