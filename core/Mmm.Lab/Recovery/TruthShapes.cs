using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Recovery;

/// <summary>
/// Draws each scenario channel's true response shape instead of hand-picking it, so the suite cannot be tuned to a
/// model: adstock decay in [0.1, 0.7], Hill slope in [1, 3], Hill half point in [0.4, 1.5] x the channel's mean
/// adstock, and for a logistic channel lambda in [0.5, 3] instead of the Hill pair. Draws are stratified: with C
/// channels each range is cut into C equal strata, every channel gets a different stratum (in a seeded random
/// order) and a uniform point inside it, so one scenario's channels always span short and long carry-over, soft and
/// sharp curves, early and late saturation. Lambda comes from a stream of its own, stratified over the logistic
/// channels, so adding it left the Hill draws of every existing scenario as they were.
/// </summary>
public static class TruthShapes
{
    public const double DecayMin = 0.1, DecayMax = 0.7;
    public const double SlopeMin = 1.0, SlopeMax = 3.0;
    public const double HalfSaturationMin = 0.4, HalfSaturationMax = 1.5;
    public const double LambdaMin = 0.5, LambdaMax = 3.0;

    private const ulong ShapeStream = 100;
    private const ulong LambdaStream = 101;

    /// <summary>
    /// The channels with AdstockDecay and their curve's parameters replaced by stratified draws: HillSlope and
    /// HillHalfSaturation for Hill channels; LogisticLambda for logistic ones, whose Hill pair is set to 0 (unused).
    /// </summary>
    public static IReadOnlyList<SyntheticChannelSpec> Draw(IReadOnlyList<SyntheticChannelSpec> channels, ulong seed)
    {
        var rng = DeterministicRandom.For(seed, ShapeStream);
        double[] decays = Stratified(rng, channels.Count, DecayMin, DecayMax);
        double[] slopes = Stratified(rng, channels.Count, SlopeMin, SlopeMax);
        double[] halves = Stratified(rng, channels.Count, HalfSaturationMin, HalfSaturationMax);
        var logistic = Enumerable.Range(0, channels.Count).Where(i => channels[i].Saturation == SaturationFamily.Logistic).ToList();
        double[] lambdas = Stratified(DeterministicRandom.For(seed, LambdaStream), logistic.Count, LambdaMin, LambdaMax);
        return channels.Select((c, i) =>
        {
            var drawn = c with { AdstockDecay = Math.Round(decays[i], 3) };
            int l = logistic.IndexOf(i);
            return l >= 0
                ? drawn with { HillSlope = 0.0, HillHalfSaturation = 0.0, LogisticLambda = Math.Round(lambdas[l], 3) }
                : drawn with { HillSlope = Math.Round(slopes[i], 3), HillHalfSaturation = Math.Round(halves[i], 3) };
        }).ToArray();
    }

    private static double[] Stratified(DeterministicRandom rng, int count, double min, double max)
    {
        var strata = Enumerable.Range(0, count).ToArray();
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.NextInt(0, i);
            (strata[i], strata[j]) = (strata[j], strata[i]);
        }
        double width = (max - min) / count;
        return strata.Select(s => min + width * (s + rng.NextDouble())).ToArray();
    }
}
