using System.Globalization;

namespace Mmm.Lab.Recovery;

/// <summary>
/// How much of the suite's share errors the fitted curves' elasticities explain: over the channels with an effect
/// and both curves known, the least-squares fit of <c>log(model share / true share)</c> on
/// <c>log(true elasticity / model elasticity)</c> (<see cref="Results.ResponseCurve.ElasticityAtMean"/>). If the data
/// pin each channel's marginal effect and the curve's shape sets the rest, the slope is near 1 and R² high: a share is
/// wrong by the factor its elasticity is wrong.
/// </summary>
public sealed record ElasticityDiagnosis(int Channels, double Slope, double RSquared)
{
    /// <summary>Channels below this true share are left out: their ratios are noise.</summary>
    public const double MinTrueShare = 0.005;
    /// <summary>Channels the model gives less are left out: the effect shrinkage acts there (its default scale is 0.3 % of
    /// the KPI), so their error is the shrinkage's, not the curve's.</summary>
    public const double MinModelShare = 0.005;

    /// <summary>The fit over <paramref name="channels"/>, or null with fewer than three usable channels or no spread in the elasticity ratios.</summary>
    public static ElasticityDiagnosis? From(IEnumerable<ChannelScore> channels)
    {
        var points = channels
            .Where(c => !c.ZeroEffect && c.TrueShape is not null && c.ModelShape is not null && c.TrueShare >= MinTrueShare && c.ModelShare >= MinModelShare)
            .Select(c => (X: Math.Log(c.TrueShape!.ElasticityAtMean / c.ModelShape!.ElasticityAtMean), Y: Math.Log(c.ModelShare / c.TrueShare)))
            .ToList();
        if (points.Count < 3) return null;
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - mx) * (p.X - mx)), syy = points.Sum(p => (p.Y - my) * (p.Y - my));
        double sxy = points.Sum(p => (p.X - mx) * (p.Y - my));
        if (sxx <= 0 || syy <= 0) return null;
        return new ElasticityDiagnosis(points.Count, sxy / sxx, sxy * sxy / (sxx * syy));
    }

    /// <summary>The line <c>mmm recovery</c> prints before the closing line.</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"shapes: over {Channels} channels with an effect, log(model / true share) against log(true / model elasticity at an average week): slope {Slope:F2}, R² {RSquared:F2}");
}
