using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The channel graph of each posterior-ensemble member (adjacency.parquet <c>probability</c>): the member's own NOTEARS fit
/// of the graph, the same objective and dual schedule as the run's (the structure score of each channel's media from the
/// others' adstocked media, residualised on level, trend, season and controls, plus the acyclicity penalty), on weeks
/// block-bootstrapped within each region and with the member's own carry-over. The fraction of members that select an edge
/// says how firmly the data hold it. NOTEARS mode only (the triangular mode's graph is fixed by its order).
/// </summary>
internal static class GraphEnsemble
{
    public const int Kind = 3;
    private const double LearningRate = 0.01;

    /// <param name="decays">[M, C] each member's adstock decays.</param>
    /// <returns>Each member's selected edges, row-major [source * C + target].</returns>
    public static IReadOnlyList<bool[]> Fit(ModulatedMmmNetwork net, TrainingTensors data, Tensor decays, IReadOnlyList<int> seeds, IReadOnlyList<string> channels)
    {
        var o = net.Options;
        int members = seeds.Count, c = net.Channels;
        using var scope = NewDisposeScope();
        Tensor target, source, weights;
        using (no_grad())
        {
            var media = data.Inputs.Media;
            var adstock = NormalisedAdstock.Apply(media, decays.detach()); // [M, R, T, C]
            target = Standardised(media, data.FitMask, data.Confounders);
            source = Standardised(adstock, data.FitMask, data.Confounders);
            int regions = (int)data.FitMask.shape[0], periods = (int)data.FitMask.shape[1];
            var cells = HostArray.Of(data.FitMask);
            weights = stack(seeds.Select(seed => tensor(BootstrapWeights(cells, regions, periods, new Random(seed)), data.FitMask.shape).to(media.device)).ToList());
        }
        var logits = new TorchSharp.Modules.Parameter(stack(seeds.Select(seed =>
        {
            using var generator = new Generator((ulong)seed);
            using var k = new KeptScalars();
            return (randn(new long[] { c, c }, generator: generator) * k[0.3] - k[0.1]).to(data.Inputs.Media.device);
        }).ToList()));
        using var optimizer = AdamW.Adam([logits], LearningRate);
        var states = Enumerable.Range(0, members).Select(_ => DualSchedule.Start(o)).ToList();
        while (DualSchedule.NextBlock(states[0], o) is { } block)
        {
            using var duals = Duals(states, data.FitMask.device);
            for (int e = 0; e < block.Epochs; e++)
            {
                using var epoch = NewDisposeScope();
                optimizer.ZeroGrad();
                Loss(net, logits, target, source, weights, duals.Active, duals.Rho, duals.Alpha).backward();
                optimizer.Apply();
            }
            double[] h;
            using (no_grad())
            using (NewDisposeScope())
                h = HostArray.Of(Acyclicity(Adjacency(net, logits))).Select(v => (double)v).ToArray();
            states = states.Select((s, m) => s.Done ? s : DualSchedule.Advance(s, o, block with { Duals = s.Duals }, h[m], stoppedEarly: false)).ToList();
            if (states.All(s => s.Done)) break;
        }
        var w = HostArray.Of(Adjacency(net, logits));
        return Enumerable.Range(0, members).Select(m =>
        {
            var selected = AdjacencySelection.Select(channels, w.AsSpan(m * c * c, c * c).ToArray().Select(v => (double)v).ToArray(), o.NotearsThreshold);
            var edges = new bool[c * c];
            foreach (var edge in selected.SelectedEdges)
                edges[IndexOf(channels, edge.Source) * c + IndexOf(channels, edge.Target)] = true;
            return edges;
        }).ToList();
    }

    private sealed record DualTensors(Tensor Active, Tensor Rho, Tensor Alpha) : IDisposable
    {
        public void Dispose() { Active.Dispose(); Rho.Dispose(); Alpha.Dispose(); }
    }

    private static DualTensors Duals(IReadOnlyList<ScheduleState> states, Device device) => new(
        tensor(states.Select(s => s.Duals.Active ? 1f : 0f).ToArray()).to(device),
        tensor(states.Select(s => (float)s.Duals.Rho).ToArray()).to(device),
        tensor(states.Select(s => (float)s.Duals.Alpha).ToArray()).to(device));

    private static Tensor Adjacency(ModulatedMmmNetwork net, Tensor logits) => ChannelDag.Adjacency(logits, net.DagMask, net.Options.DagTemperature);

    /// <summary>[M] h(W) = trace(exp(W∘W)) - C of each member's graph.</summary>
    private static Tensor Acyclicity(Tensor w)
    {
        using var k = new KeptScalars();
        return linalg.matrix_exp(w * w).diagonal(0, -2, -1).sum(-1) - k[(double)w.shape[^1]];
    }

    /// <summary>The run's graph objective (<see cref="MmmLoss.DagLoss"/> and <see cref="MmmLoss.StructureScore"/>) for every member, summed.</summary>
    private static Tensor Loss(ModulatedMmmNetwork net, Tensor logits, Tensor target, Tensor source, Tensor weights, Tensor active, Tensor rho, Tensor alpha)
    {
        using var k = new KeptScalars();
        var o = net.Options;
        var w = Adjacency(net, logits); // [M, C, C]
        var h = Acyclicity(w);
        var penalty = k[0.5] * rho * h.square() + alpha * h + k[o.NotearsLambda1] * w.sum([-2, -1])
                      + k[o.NotearsGroupL1] * w.square().sum(-2).sqrt().sum(-1);
        var dag = k[1e-4] * logits.abs().sum([-2, -1]) + active * penalty;
        var residual = target - matmul(source, w.unsqueeze(1)); // [M, R, T, C]
        var structure = k[0.5] * (residual.square() * weights.unsqueeze(-1)).sum([-3, -2, -1]) / weights.sum([-2, -1]).clamp_min(k[1]);
        return (k[o.DagWeight] * dag + k[o.DagStructureWeight] * structure).sum();
    }

    /// <summary>As the structure score standardises (residualised on the confounders, unit variance over the fitted cells).</summary>
    private static Tensor Standardised(Tensor v, Tensor mask, Tensor? confounders)
    {
        using var k = new KeptScalars();
        var m = mask.unsqueeze(-1);
        var n = mask.sum().clamp_min(k[1]);
        Tensor centred;
        if (confounders is null) centred = (v - (v * m).sum([-3, -2], keepdim: true) / n) * m;
        else if (v.dim() == 3) centred = ConfounderBasis.Residual(v, confounders, mask);
        else centred = stack(Enumerable.Range(0, (int)v.shape[0]).Select(i => ConfounderBasis.Residual(v[i], confounders, mask)).ToList());
        var sd = (centred.square().sum([-3, -2], keepdim: true) / n).sqrt().clamp_min(k[1e-8]);
        return centred / sd;
    }

    /// <summary>[R*T] how often each fitted cell is drawn by a block bootstrap of each region's fitted weeks (blocks of <see cref="ResidualBootstrap.BlockWeeks"/>).</summary>
    private static float[] BootstrapWeights(float[] cells, int regions, int periods, Random random)
    {
        var counts = new float[cells.Length];
        for (int r = 0; r < regions; r++)
        {
            var fitted = Enumerable.Range(0, periods).Select(t => r * periods + t).Where(i => cells[i] > 0).ToArray();
            for (int start = 0; start < fitted.Length; start += ResidualBootstrap.BlockWeeks)
            {
                int from = random.Next(fitted.Length);
                for (int i = 0; i < Math.Min(ResidualBootstrap.BlockWeeks, fitted.Length - start); i++) counts[fitted[(from + i) % fitted.Length]] += 1;
            }
        }
        return counts;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
