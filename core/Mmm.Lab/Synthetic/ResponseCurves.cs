namespace Mmm.Lab.Synthetic;

/// <summary>The true media response: geometric adstock, then a saturation curve (Hill or logistic) on the mean-scaled adstock.</summary>
public static class ResponseCurves
{
    /// <summary>A[0] = X[0], A[t] = X[t] + decay * A[t-1] (no clamp: this is the truth, not the model).</summary>
    public static double[] GeometricAdstock(ReadOnlySpan<double> x, double decay)
    {
        var a = new double[x.Length];
        double carry = 0.0;
        for (int t = 0; t < x.Length; t++)
        {
            carry = x[t] + decay * carry;
            a[t] = carry;
        }
        return a;
    }

    /// <summary>x / mean(x); all zeros stay zeros.</summary>
    public static double[] MeanScaled(ReadOnlySpan<double> x)
    {
        double mean = Mean(x);
        var scaled = new double[x.Length];
        if (mean <= 0.0) return scaled;
        for (int t = 0; t < x.Length; t++) scaled[t] = x[t] / mean;
        return scaled;
    }

    /// <summary>x / reference (the mean-scaling of <see cref="MeanScaled"/> with a given mean); a reference &lt;= 0 gives zeros.</summary>
    public static double[] Scaled(ReadOnlySpan<double> x, double reference)
    {
        var scaled = new double[x.Length];
        if (reference <= 0.0) return scaled;
        for (int t = 0; t < x.Length; t++) scaled[t] = x[t] / reference;
        return scaled;
    }

    /// <summary>The channel's saturation curve (<see cref="SyntheticChannelSpec.Saturation"/>) at x.</summary>
    public static double Saturation(SyntheticChannelSpec channel, double x) => channel.Saturation switch
    {
        SaturationFamily.Hill => Hill(x, channel.HillSlope, channel.HillHalfSaturation),
        SaturationFamily.Logistic => Logistic(x, channel.LogisticLambda),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel.Saturation, "Unknown saturation family."),
    };

    /// <summary>(1 - exp(-lambda x)) / (1 + exp(-lambda x)) for x >= 0, in [0, 1) (PyMC-Marketing's logistic_saturation).</summary>
    public static double Logistic(double x, double lambda)
    {
        if (x <= 0.0) return 0.0;
        double e = Math.Exp(-lambda * x);
        return (1.0 - e) / (1.0 + e);
    }

    /// <summary>x^s / (x^s + g^s) for x >= 0, in [0, 1).</summary>
    public static double Hill(double x, double slope, double halfSaturation)
    {
        if (x <= 0.0) return 0.0;
        double xs = Math.Pow(x, slope);
        return xs / (xs + Math.Pow(halfSaturation, slope));
    }

    public static double Mean(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return 0.0;
        double sum = 0.0;
        foreach (double v in x) sum += v;
        return sum / x.Length;
    }
}
