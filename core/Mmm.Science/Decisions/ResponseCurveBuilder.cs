using static TorchSharp.torch;

namespace Mmm.Science.Decisions;

/// <summary>
/// Each channel's response curve from the saved model's own counterfactuals (docs/model.md §10): its media over the window
/// (the last <see cref="WindowWeeks"/> training weeks, or all of them) scaled by each factor of <see cref="Factors"/>,
/// everything else as it was, and the KPI the channel adds over the rest of the panel and a carry-out of zero spend, against
/// zero spend in the window. Direct effects only (the curve of the channel's own contribution); marginal ROAS from the Hill
/// curve's derivative along the window's adstock (the media are linear in the factor, so their adstock is too).
/// </summary>
internal static class ResponseCurveBuilder
{
    public const int WindowWeeks = 52;
    /// <summary>0, 0.1, ..., 3: 31 points, the current spend (1) among them.</summary>
    public static IReadOnlyList<double> Factors => Grid;
    private static readonly double[] Grid = Enumerable.Range(0, 31).Select(i => i / 10.0).ToArray(); // Grid[0] = 0: the window switched off

    public static IReadOnlyList<ResponseCurveRow> Compute(ResponseEngine engine)
    {
        var m = engine.Model;
        int r = m.RegionCount, t = m.PeriodCount, c = m.ChannelCount;
        int start = Math.Max(0, m.TrainEnd - WindowWeeks), window = m.TrainEnd - start;
        int carryOut = CarryOut.Weeks(m), length = t - start + carryOut;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var history = engine.ScaledHistory();
        var carry = engine.CarryIn(history, start);
        var rows = new List<ResponseCurveRow>(c * Grid.Length);
        for (int ch = 0; ch < c; ch++)
        {
            // Adstock is linear in the media: a factor f on the window gives f A(window) + A(rest of the panel, from the carry-in).
            var inWindow = new double[r * length];
            var after = new double[r * length];
            double windowMedia = 0;
            for (int ri = 0; ri < r; ri++)
                for (int w = 0; w < t - start; w++)
                {
                    double v = history[(ri * t + start + w) * c + ch];
                    if (w < window)
                    {
                        inWindow[ri * length + w] = v;
                        windowMedia += m.Present[ri * t + start + w] ? m.Media[(ri * t + start + w) * c + ch] : 0;
                    }
                    else after[ri * length + w] = v;
                }
            var (added, slopes) = Added(engine, Grid, inWindow, after, r, length, t - start, carry.select(-1, ch), ch); // [D, F]
            var kpi = new double[added.Length];
            for (int d = 0; d < engine.Draws; d++)
                for (int f = 0; f < Grid.Length; f++)
                    kpi[d * Grid.Length + f] = added[d * Grid.Length + f] - added[d * Grid.Length];
            double? windowSpend = m.SpendPerUnit[ch] is double cost ? windowMedia * cost : null;
            for (int i = 0; i < Grid.Length; i++)
            {
                double factor = Grid[i];
                double[] value = Enumerable.Range(0, engine.Draws).Select(d => kpi[d * Grid.Length + i]).ToArray();
                double? spend = windowSpend * factor;
                double?[] roas = value.Select(v => spend > 0 ? v / spend : (double?)null).ToArray();
                double?[] marginal = Enumerable.Range(0, engine.Draws)
                    .Select(d => windowSpend > 0 ? slopes[d * Grid.Length + i] / windowSpend : (double?)null).ToArray();
                var (kLow, kHigh) = DrawInterval.Of(value[0], value.Skip(1));
                var (rLow, rHigh) = roas[0] is double r0 ? DrawInterval.Of(r0, roas.Skip(1).Select(v => v!.Value)) : (null, null);
                var (mLow, mHigh) = marginal[0] is double m0 ? DrawInterval.Of(m0, marginal.Skip(1).Select(v => v!.Value)) : (null, null);
                rows.Add(new ResponseCurveRow(m.Channels[ch], factor, factor == 1.0, m.Dates[start], m.Dates[m.TrainEnd - 1], spend,
                    value[0], kLow, kHigh, roas[0], rLow, rHigh, marginal[0], mLow, mHigh));
            }
        }
        return rows;
    }

    /// <summary>The most elements one batch of factors may hold ([D, F, R, L] float64: 8 M is 64 MB a tensor); the reference panel's
    /// factors x 21 draws x 190 regions x 150 weeks in one batch took tens of GB in intermediates.</summary>
    private const long MaxBatchElements = 8L << 20;

    /// <summary>[D, F] (flattened) the KPI the channel adds over the segment for each factor on its window media <paramref name="inWindow"/>
    /// ([R, L], the rest <paramref name="after"/>), and its derivative in the factor; in batches of factors, each batch's tensors
    /// freed before the next.</summary>
    private static (double[] Added, double[] Slopes) Added(ResponseEngine engine, double[] factors, double[] inWindow, double[] after, int r,
        int length, int activeWeeks, Tensor carry, int ch)
    {
        using var outer = NewDisposeScope();
        Tensor Expanded(double[] media) => tensor(media, [r, length], float64).unsqueeze(0).expand(engine.Draws, -1, -1);
        var windowAdstock = engine.Adstock(Expanded(inWindow), zeros_like(carry), ch, length, activeWeeks).unsqueeze(1); // [D, 1, R, L]
        var restAdstock = engine.Adstock(Expanded(after), carry, ch, length, activeWeeks).unsqueeze(1);
        int batch = (int)Math.Clamp(MaxBatchElements / ((long)engine.Draws * r * length), 1, factors.Length);
        var (added, slopes) = (new double[engine.Draws * factors.Length], new double[engine.Draws * factors.Length]);
        for (int first = 0; first < factors.Length; first += batch)
        {
            int n = Math.Min(batch, factors.Length - first);
            using var scope = NewDisposeScope();
            var f = tensor(factors.AsSpan(first, n).ToArray(), float64).view(1, n, 1, 1);
            var (contribution, derivative) = engine.ContributionWithDerivative(restAdstock + f * windowAdstock, windowAdstock, ch);
            var sums = contribution.sum([2, 3]).data<double>().ToArray(); // [D, n]
            var dSums = derivative.sum([2, 3]).data<double>().ToArray();
            for (int d = 0; d < engine.Draws; d++)
            {
                Array.Copy(sums, d * n, added, d * factors.Length + first, n);
                Array.Copy(dSums, d * n, slopes, d * factors.Length + first, n);
            }
        }
        return (added, slopes);
    }
}
