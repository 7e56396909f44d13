namespace Mmm.Lab.Synthetic;

/// <summary>A channel's own activity over one region's span: >= 0, mean exactly 1, never constant.</summary>
internal static class MediaSeries
{
    /// <param name="season">The region's unit-amplitude seasonal shape over the span (used by <see cref="MediaPattern.Seasonal"/>).</param>
    /// <param name="seasonalStrength">k of <see cref="MediaPattern.Seasonal"/>.</param>
    public static double[] Own(MediaPattern pattern, DeterministicRandom rng, int length, ReadOnlySpan<double> season, double seasonalStrength)
    {
        double[] raw = pattern switch
        {
            MediaPattern.Seasonal => Seasonal(rng, season[..length], seasonalStrength),
            MediaPattern.Flighted => Flighted(rng, length),
            MediaPattern.AlwaysOn => AlwaysOn(rng, length),
            MediaPattern.Campaigns => Campaigns(rng, length),
            MediaPattern.QuarterlyBudget => QuarterlyBudget(rng, length),
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown media pattern."),
        };
        return ResponseCurves.MeanScaled(raw);
    }

    private static double[] Flighted(DeterministicRandom rng, int length)
    {
        var x = new double[length];
        // Start on air so even a short span has at least one flight (and so is not all zero).
        int t = rng.NextInt(0, 3) == 0 ? 0 : rng.NextInt(0, 4);
        while (t < length)
        {
            int onWeeks = rng.NextInt(2, 6);
            double flightLevel = Math.Exp(rng.Normal(0.0, 0.3));
            for (int w = 0; w < onWeeks && t < length; w++, t++)
                x[t] = flightLevel * Math.Exp(rng.Normal(0.0, 0.1));
            t += rng.NextInt(2, 8);
        }
        return x;
    }

    /// <summary>(1 + k * season) times a short-memory log AR(1) noise; k <= 0.7 keeps it positive (|season| <= 1.35).</summary>
    private static double[] Seasonal(DeterministicRandom rng, ReadOnlySpan<double> season, double strength)
    {
        double[] x = LogAr1(rng, season.Length, phi: 0.5, sd: 0.15);
        for (int t = 0; t < x.Length; t++) x[t] *= 1.0 + strength * season[t];
        return x;
    }

    private static double[] AlwaysOn(DeterministicRandom rng, int length) => LogAr1(rng, length, phi: 0.8, sd: 0.25);

    private static double[] Campaigns(DeterministicRandom rng, int length)
    {
        double[] x = LogAr1(rng, length, phi: 0.6, sd: 0.15);
        for (int t = 0; t < length; t++) x[t] *= 0.5;
        int week = rng.NextInt(0, 6);
        while (week < length)
        {
            int weeks = rng.NextInt(3, 5);
            double push = Math.Exp(rng.Normal(0.4, 0.25));
            for (int w = 0; w < weeks && week < length; w++, week++) x[week] += push;
            week += rng.NextInt(4, 12);
        }
        return x;
    }

    private static double[] QuarterlyBudget(DeterministicRandom rng, int length)
    {
        var x = new double[length];
        double budget = 1.0;
        for (int t = 0; t < length; t++)
        {
            if (t % 13 == 0) budget = Math.Exp(rng.Normal(0.0, 0.35));
            x[t] = budget * Math.Exp(rng.Normal(0.0, 0.12));
        }
        return x;
    }

    /// <summary>exp(z) with z an AR(1) of stationary sd <paramref name="sd"/>.</summary>
    private static double[] LogAr1(DeterministicRandom rng, int length, double phi, double sd)
    {
        var x = new double[length];
        double innovationSd = sd * Math.Sqrt(1.0 - phi * phi);
        double z = rng.Normal(0.0, sd);
        for (int t = 0; t < length; t++)
        {
            if (t > 0) z = phi * z + rng.Normal(0.0, innovationSd);
            x[t] = Math.Exp(z);
        }
        return x;
    }
}
