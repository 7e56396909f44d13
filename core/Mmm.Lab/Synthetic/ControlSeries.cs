namespace Mmm.Lab.Synthetic;

/// <summary>A control's raw values over one region's span.</summary>
internal static class ControlSeries
{
    public static double[] Generate(SyntheticControlSpec spec, DeterministicRandom rng, int length) => spec.Kind switch
    {
        ControlKind.Continuous => Continuous(spec, rng, length),
        ControlKind.EventDummy => Events(spec, rng, length),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown control kind."),
    };

    /// <summary>Reference * (1 + AR(1) deviation of sd Variability), rounded to cents like a shelf price.</summary>
    private static double[] Continuous(SyntheticControlSpec spec, DeterministicRandom rng, int length)
    {
        double phi = spec.Persistence ?? SyntheticControlSpec.DefaultPersistence;
        var x = new double[length];
        double innovationSd = spec.Variability * Math.Sqrt(1.0 - phi * phi);
        double deviation = rng.Normal(0.0, spec.Variability);
        for (int t = 0; t < length; t++)
        {
            if (t > 0) deviation = phi * deviation + rng.Normal(0.0, innovationSd);
            x[t] = Math.Round(spec.Reference * (1.0 + deviation), 2);
        }
        return x;
    }

    /// <summary>0/1 with P(1) = Variability, and at least one event and one non-event week.</summary>
    private static double[] Events(SyntheticControlSpec spec, DeterministicRandom rng, int length)
    {
        var x = new double[length];
        for (int t = 0; t < length; t++) x[t] = rng.Bernoulli(spec.Variability) ? 1.0 : 0.0;
        if (length >= 2 && x.All(v => v == 0.0)) x[rng.NextInt(0, length - 1)] = 1.0;
        if (length >= 2 && x.All(v => v == 1.0)) x[rng.NextInt(0, length - 1)] = 0.0;
        return x;
    }
}
