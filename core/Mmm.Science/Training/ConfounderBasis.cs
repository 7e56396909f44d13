using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// Per region, an orthonormal basis (over the fitted cells) of what drives media and KPI alike and is observed:
/// the region's level, the linear trend, the calendar seasonality and the controls. The structure score learns
/// the channel graph from media with this part projected out, so channels that merely share a season or follow
/// the same control (a demand index) are not read as driving each other. Modified Gram-Schmidt in float64,
/// dropping directions that are (numerically) already spanned.
/// </summary>
public static class ConfounderBasis
{
    private const double Tolerance = 1e-8;

    /// <param name="cells">[R,T] 1 on the fitted cells.</param>
    /// <param name="trendTime">[T]</param>
    /// <param name="seasonal">[T,F] calendar features (the architectures that use this basis require calendar seasonality).</param>
    /// <param name="controls">[R,T,K]</param>
    /// <returns>[R,T,P] with zeros outside the fitted cells and in unused columns.</returns>
    public static Tensor Build(Tensor cells, Tensor trendTime, Tensor seasonal, Tensor controls)
    {
        int regions = (int)cells.shape[0], periods = (int)cells.shape[1], k = (int)controls.shape[2];
        int f = (int)seasonal.shape[1];
        int p = 2 + f + k;
        var mask = HostArray.Of(cells);
        var time = HostArray.Of(trendTime);
        var season = HostArray.Of(seasonal);
        var control = HostArray.Of(controls);
        var basis = new float[regions * periods * p];
        var column = new double[periods];
        for (int r = 0; r < regions; r++)
        {
            var kept = new List<double[]>();
            for (int j = 0; j < p; j++)
            {
                for (int t = 0; t < periods; t++)
                {
                    double m = mask[r * periods + t];
                    column[t] = m == 0 ? 0 : m * Feature(j, r, t);
                }
                foreach (var q in kept)
                {
                    double dot = 0;
                    for (int t = 0; t < periods; t++) dot += q[t] * column[t];
                    for (int t = 0; t < periods; t++) column[t] -= dot * q[t];
                }
                double norm = Math.Sqrt(column.Sum(v => v * v));
                if (norm < Tolerance * Math.Sqrt(periods)) continue;
                kept.Add(column.Select(v => v / norm).ToArray());
            }
            for (int j = 0; j < kept.Count; j++)
                for (int t = 0; t < periods; t++)
                    basis[(r * periods + t) * p + j] = (float)kept[j][t];
        }
        return tensor(basis, [regions, periods, p]).to(cells.device);

        double Feature(int j, int r, int t) => j switch
        {
            0 => 1.0,
            1 => time[t],
            _ when j < 2 + f => season[t * f + (j - 2)],
            _ => control[(r * periods + t) * k + (j - 2 - f)],
        };
    }

    /// <summary>v [R,T,C] restricted to the fitted cells with the basis' span removed, region by region.</summary>
    public static Tensor Residual(Tensor v, Tensor basis, Tensor cells)
    {
        var masked = v * cells.unsqueeze(-1);
        var coefficients = einsum("rtp,rtc->rpc", basis, masked);
        return masked - einsum("rtp,rpc->rtc", basis, coefficients);
    }
}
