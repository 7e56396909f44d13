using Mmm.Science.Synthetic;

namespace Mmm.Science.Recovery;

/// <summary>
/// Draws each scenario channel's true response shape instead of hand-picking it, so the suite cannot be tuned to a
/// model: adstock decay in [0.1, 0.7], Hill slope in [1, 3], Hill half point in [0.4, 1.5] x the channel's mean
/// adstock. Draws are stratified: with C channels each range is cut into C equal strata, every channel gets a
/// different stratum (in a seeded random order) and a uniform point inside it, so one scenario's channels always
/// span short and long carry-over, soft and sharp curves, early and late saturation.
/// </summary>
public static class TruthShapes
{
    public const double DecayMin = 0.1, DecayMax = 0.7;
    public const double SlopeMin = 1.0, SlopeMax = 3.0;
    public const double HalfSaturationMin = 0.4, HalfSaturationMax = 1.5;

    private const ulong ShapeStream = 100;

    /// <summary>The channels with AdstockDecay, HillSlope and HillHalfSaturation replaced by stratified draws.</summary>
    public static IReadOnlyList<SyntheticChannelSpec> Draw(IReadOnlyList<SyntheticChannelSpec> channels, ulong seed)
    {
        var rng = DeterministicRandom.For(seed, ShapeStream);
        double[] decays = Stratified(rng, channels.Count, DecayMin, DecayMax);
        double[] slopes = Stratified(rng, channels.Count, SlopeMin, SlopeMax);
        double[] halves = Stratified(rng, channels.Count, HalfSaturationMin, HalfSaturationMax);
        return channels.Select((c, i) => c with
        {
            AdstockDecay = Math.Round(decays[i], 3),
            HillSlope = Math.Round(slopes[i], 3),
            HillHalfSaturation = Math.Round(halves[i], 3),
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
