using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// The time-varying part of the baseline (docs/model.md §3): a piecewise-linear curve through knots spaced about
/// <c>baselineKnotWeeks</c> apart over the fitted weeks, pooled across regions with a deviation per region. It holds its
/// first knot's value over the burn-in weeks and its last knot's value over the holdout, so a forecast carries the last
/// level forward (a random walk's forecast). Its prior is a random walk on the knots (docs/model.md §5), which is what
/// lets slow movements of demand that the panel does not hold go to the baseline instead of to media or controls.
/// </summary>
public static class BaselineDrift
{
    /// <summary>How many knots cover the fitted model periods <paramref name="first"/>..<paramref name="last"/>: one per
    /// <paramref name="knotWeeks"/> and at least two.</summary>
    public static int KnotCount(int first, int last, int knotWeeks) =>
        Math.Max(2, (int)Math.Ceiling((double)Math.Max(1, last - first) / Math.Max(1, knotWeeks)) + 1);

    /// <summary>
    /// [T, K] the interpolation weights of each model period on the knots (rows sum to 1): hat functions between the
    /// first and last fitted period, constant outside them.
    /// </summary>
    public static float[] Basis(int periods, int first, int last, int knots)
    {
        var basis = new float[periods * knots];
        double span = Math.Max(1, last - first), step = span / (knots - 1);
        for (int t = 0; t < periods; t++)
        {
            double position = Math.Clamp((t - first) / step, 0, knots - 1);
            int below = Math.Min((int)Math.Floor(position), knots - 2);
            double above = position - below;
            basis[t * knots + below] = (float)(1 - above);
            basis[t * knots + below + 1] += (float)above;
        }
        return basis;
    }

    /// <summary>[R,T] the drift of every region: <c>basis (pooled + regional)</c>.</summary>
    /// <param name="basis">[T, K].</param>
    /// <param name="pooled">[(M,) K] the pooled knot values.</param>
    /// <param name="regional">[R, K] each region's deviation at the knots.</param>
    public static Tensor Apply(Tensor basis, Tensor pooled, Tensor regional) =>
        matmul(pooled.unsqueeze(-2) + regional, basis.t());

    /// <summary>
    /// -log of the random-walk prior on knot values [.., K] (each row a walk that starts at 0 before its first knot), with
    /// sd <paramref name="stepSd"/> per knot step: ½ Σ ((Δ - centre)/sd)².
    /// </summary>
    /// <param name="stepCentres">The steps' prior means (same shape as <paramref name="knots"/>, the first the step from 0 to
    /// the first knot); null: 0, a walk without drift.</param>
    public static Tensor RandomWalkPrior(Tensor knots, double stepSd, Tensor? stepCentres = null)
    {
        using var k = new KeptScalars();
        var steps = cat([knots.narrow(-1, 0, 1), knots.narrow(-1, 1, knots.shape[^1] - 1) - knots.narrow(-1, 0, knots.shape[^1] - 1)], -1);
        if (stepCentres is not null) steps = steps - stepCentres;
        return k[0.5] * steps.square().sum() / k[stepSd * stepSd];
    }
}
