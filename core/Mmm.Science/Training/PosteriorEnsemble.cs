using Mmm.Science.Decisions;
using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// One member of the posterior ensemble behind the attribution intervals (docs/model.md §8), by randomised MAP: starting
/// from the structural fit, the member refits the structural model to the KPI plus a draw of its noise (the fit's
/// residuals, block-bootstrapped within each region with random signs, so their autocorrelation carries over) under
/// prior centres and lift-test measurements moved by draws of their own uncertainty (<see cref="PriorShifts"/>). The
/// members' spread is the posterior's (without the effect shrinkage, which picks the run's point estimate: a channel it
/// set to zero gets the spread its data allow, and its interval reaches from zero to there), curved ridges and other modes included, where a normal at one mode (the Laplace
/// approximation this replaced) saw only the curvature at the mode. Members are independent, so the pipeline runs each
/// as its own durable activity.
/// </summary>
internal static class PosteriorEnsemble
{
    public const int Kind = 1;

    /// <summary>Each channel's mean contribution per fitted cell (scaled KPI: share of its region's mean) below which a
    /// member restarts it from here, so that a channel the fit shrank to zero can come back where a member's data favour it
    /// (from zero, its gradient vanishes and it never would).</summary>
    public const double ReviveShare = 0.005;

    /// <summary>Members <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1, fitted as one batch.</summary>
    /// <returns>Each member's [split * C] contributions per split in KPI units, in NOTEARS mode its selected edges
    /// (<see cref="GraphEnsemble"/>), and its media response; a member's draws depend only on its index.</returns>
    public static EnsembleBatch Members(ModulatedMmmNetwork net, TrainingTensors data, Tensor splitWeights,
        int first, int count, IReadOnlyList<string> channels)
    {
        var o = net.Options;
        using var scope = NewDisposeScope();
        var (_, residuals, cells, regions, periods) = StructuralRefit.Residuals(net, data);
        var targets = new List<Tensor>();
        var shifts = new List<PriorShifts>();
        foreach (int member in Enumerable.Range(first, count))
        {
            int seed = StructuralRefit.Seed(o.Seed, Kind, member);
            using var generator = new Generator((ulong)seed);
            var noise = ResidualBootstrap.Draw(residuals, cells, regions, periods, new Random(seed), signs: true);
            targets.Add(data.Target + tensor(noise, data.Target.shape).to(data.Target.device));
            shifts.Add(PriorShifts.Draw(net, data.Lift?.Count ?? 0, data.Roi?.Count ?? 0, generator));
        }
        using var stacked = PriorShifts.Stack(shifts);
        shifts.ForEach(x => x.Dispose());
        var map = net.Values().Select(t => t.detach());
        using var batch = StructuralBatch.Stack(Enumerable.Repeat(map, count).ToList(), Enumerable.Repeat((double)net.NoiseVariance.item<float>(), count).ToList());
        Revive(batch, data, o);
        batch.Fit(data, o, stack(targets), stacked, o.EnsembleEpochs, o.EnsembleLearningRate, reestimateNoise: false, shrinkageFrom: 1);
        var totals = batch.Totals(data, o, splitWeights);
        var edges = o.DagMode == DagMode.Notears
            ? GraphEnsemble.Fit(net, data, batch.Values.AdstockDecay(o), Enumerable.Range(first, count).Select(m => StructuralRefit.Seed(o.Seed, GraphEnsemble.Kind, m)).ToList(), channels)
            : null;
        return new EnsembleBatch(totals, edges, ResponseDraws(batch.Values, o));
    }

    /// <summary>Each member's media response (<see cref="ResponseDraw"/>) from its fitted values ([M, ..] tensors).</summary>
    public static IReadOnlyList<ResponseDraw> ResponseDraws(StructuralValues v, MmmOptions o)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        double[][] Rows(Tensor t)
        {
            long m = t.shape[0];
            var flat = t.to(ScalarType.Float64).cpu().reshape(m, -1);
            return Enumerable.Range(0, (int)m).Select(i => flat[i].data<double>().ToArray()).ToArray();
        }
        var (decay, slope, half, effect) = (Rows(v.AdstockDecay(o)), Rows(v.HillSlope(o)), Rows(v.HillHalf()), Rows(v.Effect()));
        return Enumerable.Range(0, decay.Length).Select(i => new ResponseDraw(decay[i], slope[i], half[i], effect[i])).ToArray();
    }

    /// <summary>Raises every member's channel whose mean contribution is below <see cref="ReviveShare"/> to it.</summary>
    private static void Revive(StructuralBatch batch, TrainingTensors data, MmmOptions o)
    {
        using var k = new KeptScalars();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var v = batch.Values;
        var (_, hill) = StructuralModel.Response(v, data.Inputs.Media, o);
        var m = data.FitMask.unsqueeze(-1);
        // Each channel's mean contribution per unit of pooled effect (its Hill curve times the regions' deviations): [M, C].
        var unit = (hill * exp(v.RegionEffect).unsqueeze(-2) * m).sum([-3, -2]) / m.sum().clamp_min(k[1]);
        var beta = nn.functional.softplus(v.EffectRaw);
        var raised = maximum(beta, k[ReviveShare] / unit.clamp_min(k[1e-6])).clamp(k[1e-6], k[50]);
        v.EffectRaw.copy_(log(expm1(raised)));
    }
}
