namespace Mmm.Lab.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64, with Box-Muller normals. We use our own generator instead of
/// <see cref="System.Random"/> because the latter's streams are an implementation detail that has changed
/// between .NET versions; these streams are fixed by the algorithm and never change.
/// (Math.Sin/Exp/Pow applied to the draws come from the platform's libm and could in principle differ in the
/// last ulp across operating systems; on one machine and runtime the output is bitwise reproducible.)
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    public DeterministicRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// An independent stream keyed by the seed and a path of integers (e.g. region, purpose), so adding a
    /// stream for one purpose never shifts the draws of another.
    /// </summary>
    public static DeterministicRandom For(ulong seed, params ulong[] keys)
    {
        ulong state = seed;
        ulong mixed = SplitMix64(ref state);
        foreach (ulong key in keys)
        {
            state = mixed ^ (key * 0xD1B54A32D192ED03UL);
            mixed = SplitMix64(ref state);
        }
        return new DeterministicRandom(mixed);
    }

    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [minInclusive, maxInclusive]; the tiny modulo bias is irrelevant here.</summary>
    public int NextInt(int minInclusive, int maxInclusive) =>
        minInclusive + (int)(NextUInt64() % (ulong)(maxInclusive - minInclusive + 1));

    public bool Bernoulli(double p) => NextDouble() < p;

    public double Normal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1 = 1.0 - NextDouble(); // (0, 1], keeps Log finite
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    public double Normal(double mean, double sd) => mean + sd * Normal();

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
