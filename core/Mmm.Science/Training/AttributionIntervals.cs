using Mmm.Science.Model;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// How far the data pin each channel's contribution: a 90 % interval from the Laplace approximation of the
/// structural fit's posterior (<see cref="LaplacePosterior"/>: the penalised likelihood's curvature in the response
/// curves, effects, baseline, trend, season and controls), pushed through the full model (modulation included) by
/// drawing parameters and recomputing the decomposition. Where the data cannot tell a nearly linear curve plus
/// a lower baseline from a saturating one, the curvature is small in that direction and the interval wide:
/// the model says the share is not identified instead of stating one number.
/// </summary>
internal static class AttributionIntervals
{
    public const double LowerQuantile = 0.05, UpperQuantile = 0.95;

    /// <param name="splitWeights">Per split (train, holdout, all) and model cell: the cell's factor from scaled units to
    /// KPI units where the cell is a present row of that split, else 0.</param>
    /// <returns>[split][channel] the contribution's interval in KPI units, and the seconds spent on the Hessian (the rest is drawing).</returns>
    public static (ContributionInterval[][] Intervals, double HessianSeconds) Compute(ModulatedMmmNetwork net, TrainingTensors data, float[][] splitWeights, int draws, long seed)
    {
        var named = net.NamedStructuralParameters();
        var parameters = named.Select(p => p.Parameter).ToList();
        var perRegion = named.Select((p, i) => (p.Name, i)).Where(p => ModulatedMmmNetwork.PerRegionParameterNames.Contains(p.Name)).Select(p => p.i).ToHashSet();
        using var scope = NewDisposeScope();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var hessian = LaplacePosterior.Hessian(() => NegativeLogPosterior(net, data), parameters, perRegion);
        if (data.Lift is { } lift)
            LaplacePosterior.AddGaussNewton(hessian, () => lift.StandardisedLifts(net.Forward(data.Inputs, withModulation: false).MediaContributions), parameters);
        double hessianSeconds = clock.Elapsed.TotalSeconds;
        int effect = named.Select(p => p.Name).ToList().IndexOf("effect_raw");
        long effectOffset = parameters.Take(effect).Sum(p => p.numel());
        var effectScale = ToEffectScale(hessian, net.EffectRaw, effectOffset);
        var deviations = LaplacePosterior.Draws(hessian, draws, seed).to(ScalarType.Float32).to(data.Target.device);
        long cells = data.Target.numel();
        var weights = stack(splitWeights.Select(w => tensor(w)).ToList()).to(data.Target.device); // [S, R*Tm]
        var mode = parameters.Select(p => p.detach().clone()).ToList();
        var samples = new List<double[]>(draws);
        double[] point;
        using (no_grad())
        {
            point = Totals(net, data, weights, cells);
            try
            {
                for (int d = 0; d < draws; d++)
                {
                    using var draw = NewDisposeScope();
                    Set(parameters, mode, deviations[d], effect, effectScale);
                    var totals = Totals(net, data, weights, cells);
                    if (totals.All(double.IsFinite)) samples.Add(totals);
                }
            }
            finally
            {
                foreach (var (p, m) in parameters.Zip(mode)) p.copy_(m);
            }
        }
        int channels = net.Channels;
        var intervals = Enumerable.Range(0, splitWeights.Length).Select(s => Enumerable.Range(0, channels).Select(c =>
        {
            var values = samples.Select(x => x[s * channels + c]).Order().ToArray();
            if (values.Length == 0) return new ContributionInterval(double.NaN, double.NaN);
            // The draws' spread about their median, placed at the point estimate: on many regions the draws' median
            // sits above the mode (the mean of 190 log-normal region deviations exceeds their mode), and an interval
            // that missed the number it qualifies would read as a contradiction.
            double median = Quantile(values, 0.5), at = point[s * channels + c];
            return new ContributionInterval(Math.Max(0, at + Quantile(values, LowerQuantile) - median), at + Quantile(values, UpperQuantile) - median);
        }).ToArray()).ToArray();
        return (intervals, hessianSeconds);
    }

    /// <summary>[split * C] each channel's contribution summed over each split's cells, in KPI units, for the network's current parameters.</summary>
    private static double[] Totals(ModulatedMmmNetwork net, TrainingTensors data, Tensor weights, long cells)
    {
        using var scope = NewDisposeScope();
        var media = net.Forward(data.Inputs, dropoutMask: null).MediaContributions.reshape(cells, -1); // [R*Tm, C]
        return matmul(weights, media).to(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    /// <summary>
    /// What the intervals describe: the structural fit's likelihood and its smooth priors, unnormalised (½ SSE / σ²
    /// + shape and pooling priors). The bounded effect shrinkage is left out: it is a spike at zero that picks the point
    /// estimate, and its curvature near zero (strongly negative, up to 2 nats within 0.3 % of the KPI) would read
    /// as certainty about a channel it shrank. Without it no term joins two regions, which the Hessian's per-region
    /// colouring needs.
    /// </summary>
    internal static Tensor NegativeLogPosterior(ModulatedMmmNetwork net, TrainingTensors data)
    {
        using var k = new KeptScalars();
        var outputs = net.Forward(data.Inputs, withModulation: false);
        var terms = ModulatedLoss.Compute(net, outputs, data.Target, data.FitMask, NotearsState.Initial(0, 0), data.Inputs.Media, null,
            structuralOnly: true, withShrinkage: false);
        return terms.Total * data.FitMask.sum().clamp_min(k[1]); // the objective is per fitted cell
    }

    /// <summary>
    /// Moves the pooled effects from their raw (inverse softplus) scale to the effect scale β = softplus(raw) in the
    /// Hessian, H_β = u' H_raw u' with u = softplus⁻¹ (the gradient term is left out: a shrunk channel's mode sits at the
    /// boundary β = 0, where the raw gradient is not zero). Why: the raw scale is flat towards -∞ at a shrunk channel,
    /// so a normal there would reach absurd effects on its other side; on the β scale the likelihood is close to
    /// quadratic (contributions are linear in β), and draws below 0 are cut at 0: "somewhere between 0 and this".
    /// Returns the effects at the mode, β̂ (float64, on the host).
    /// </summary>
    private static Tensor ToEffectScale(Tensor hessian, Tensor effectRaw, long offset)
    {
        using var k = new KeptScalars();
        var beta = nn.functional.softplus(effectRaw.detach().to(ScalarType.Float64).cpu());
        var d = ones(hessian.shape[0], dtype: ScalarType.Float64);
        d.narrow(0, offset, beta.numel()).copy_(k[1] / -expm1(-beta.clamp_min(k[1e-12]))); // u'(β) = 1 / (1 - e^-β)
        hessian.mul_(d.view(-1, 1)).mul_(d.view(1, -1));
        return beta;
    }

    private static void Set(IReadOnlyList<TorchSharp.Modules.Parameter> parameters, IReadOnlyList<Tensor> mode, Tensor deviation, int effect, Tensor effectMode)
    {
        using var k = new KeptScalars();
        long offset = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            long n = mode[i].numel();
            var step = deviation.narrow(0, offset, n).view(mode[i].shape);
            if (i == effect)
            {
                var beta = (effectMode.to(step.device).to(ScalarType.Float64) + step.to(ScalarType.Float64)).clamp_min(k[1e-10]);
                parameters[i].copy_(log(expm1(beta)));
            }
            else parameters[i].copy_(mode[i] + step);
            offset += n;
        }
    }

    /// <summary>Linear interpolation between order statistics (numpy's default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
