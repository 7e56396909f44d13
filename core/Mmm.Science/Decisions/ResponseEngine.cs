using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Decisions;

/// <summary>
/// The saved model's media response for D draws at once, in float64 and differentiable (the planner takes gradients
/// through it): for a segment of L weeks that starts from the adstock state the weeks before it left (the carry-in),
/// each channel's normalised adstock <c>A[t] = a^(t+1) A0 + Σ_{j≤t} (1 - a) a^(t-j) x[j]</c>, its Hill curve, times the
/// region's effect and KPI divisor (docs/model.md §3 and §10). With a reference, the selected graph's children respond
/// to their parents: a child's scaled media move by the edge's coefficient times the parent's change of adstocked media
/// against the reference, in the graph's topological order (so grandchildren respond too), and stay non-negative.
/// </summary>
internal sealed class ResponseEngine : IDisposable
{
    private readonly Tensor decay, slope, logHalf, effect, kpiDivisor;
    private readonly int[] order;
    private readonly (int Source, double Coefficient)[][] parents;
    private readonly Dictionary<int, (Tensor Kernel, Tensor Powers)[]> kernels = [];

    public ResponseEngine(SavedModel model, IReadOnlyList<ResponseDraw> draws)
    {
        Model = model;
        Draws = draws.Count;
        int c = model.ChannelCount, r = model.RegionCount;
        // Kept for the engine's lifetime, whatever dispose scope the caller has open.
        decay = Stack(draws.Select(d => d.Decay), [Draws, c]).DetachFromDisposeScope();
        slope = Stack(draws.Select(d => d.Slope), [Draws, c]).DetachFromDisposeScope();
        using (var half = Stack(draws.Select(d => d.Half), [Draws, c])) logHalf = log(half).DetachFromDisposeScope();
        effect = Stack(draws.Select(d => d.Effect), [Draws, r, c]).DetachFromDisposeScope();
        kpiDivisor = tensor(model.KpiDivisor, [r], float64).DetachFromDisposeScope();
        parents = Enumerable.Range(0, c).Select(target => model.Edges.Where(e => e.Target == model.Channels[target])
            .Select(e => (model.ChannelIndex(e.Source), e.Coefficient)).ToArray()).ToArray();
        order = TopologicalOrder(c, parents);
    }

    public SavedModel Model { get; }
    public int Draws { get; }

    /// <summary>[R, T, C] the panel's media in scaled units, absent cells 0.</summary>
    public double[] ScaledHistory()
    {
        var m = Model;
        int r = m.RegionCount, t = m.PeriodCount, c = m.ChannelCount;
        var scaled = new double[r * t * c];
        for (int ri = 0; ri < r; ri++)
            for (int ti = 0; ti < t; ti++)
            {
                if (!m.Present[ri * t + ti]) continue;
                for (int ci = 0; ci < c; ci++)
                {
                    double divisor = m.MediaDivisor[ri * c + ci];
                    scaled[(ri * t + ti) * c + ci] = divisor > 0 ? m.Media[(ri * t + ti) * c + ci] / divisor : 0.0;
                }
            }
        return scaled;
    }

    /// <summary>[D, R, C] the adstock state at the end of weeks [0, <paramref name="weeks"/>) of <paramref name="scaled"/> ([R, T, C]),
    /// started in steady state as the model is (A[-1] = x[0]); 0 weeks gives that start.</summary>
    public Tensor CarryIn(double[] scaled, int weeks)
    {
        var m = Model;
        int r = m.RegionCount, t = m.PeriodCount, c = m.ChannelCount;
        var decays = decay.data<double>().ToArray();
        var state = new double[Draws * r * c];
        for (int d = 0; d < Draws; d++)
            for (int ri = 0; ri < r; ri++)
                for (int ci = 0; ci < c; ci++)
                {
                    double a = decays[d * c + ci], s = scaled[(ri * t) * c + ci];
                    for (int ti = 0; ti < weeks; ti++) s = (1 - a) * scaled[(ri * t + ti) * c + ci] + a * s;
                    state[(d * r + ri) * c + ci] = s;
                }
        return tensor(state, [Draws, r, c], float64);
    }

    /// <summary>
    /// [D, R, L, C] each channel's contribution in KPI units over a segment of scaled media <paramref name="media"/> ([R, L, C],
    /// or [D, R, L, C] per draw) from <paramref name="carryIn"/> ([D, R, C]). With <paramref name="reference"/> ([R, L, C]),
    /// children's media respond to their parents' change against it.
    /// </summary>
    /// <param name="activeWeeks">When set, <paramref name="media"/> (and the reference) are zero from this week on: a channel whose
    /// media are its own (no parent moves them) needs only these weeks of its adstock kernel.</param>
    /// <param name="referenceAdstock">The parents' adstock under the reference (<see cref="ReferenceAdstocks"/>), when the caller
    /// evaluates many plans against one reference.</param>
    public Tensor Contributions(Tensor media, Tensor carryIn, Tensor? reference = null, int? activeWeeks = null, Tensor?[]? referenceAdstock = null)
    {
        long length = media.shape[^2];
        var perDraw = media.dim() == 4 ? media : media.unsqueeze(0).expand(Draws, -1, -1, -1);
        using var k = new KeptScalars();
        if (reference is not null) referenceAdstock ??= ReferenceAdstocks(reference, carryIn, activeWeeks);
        var adstock = new Tensor[Model.ChannelCount];
        var columns = new Tensor[Model.ChannelCount];
        foreach (int c in order)
        {
            var x = perDraw.select(-1, c);
            bool moved = reference is not null && parents[c].Length > 0;
            if (moved)
            {
                foreach (var (p, coefficient) in parents[c]) x = x + k[coefficient] * (adstock[p] - referenceAdstock![p]!);
                x = x.clamp_min(k[0]);
            }
            adstock[c] = Adstock(x, carryIn.select(-1, c), c, length, moved ? null : activeWeeks);
            columns[c] = Contribution(adstock[c], c);
        }
        return stack(columns, -1);
    }

    /// <summary>Per channel, [D, R, L] its adstock under the reference media ([R, L, C]) if it is some channel's parent, else null.</summary>
    public Tensor?[] ReferenceAdstocks(Tensor reference, Tensor carryIn, int? activeWeeks = null)
    {
        long length = reference.shape[^2];
        var adstocks = new Tensor?[Model.ChannelCount];
        foreach (var p in parents.SelectMany(ps => ps.Select(x => x.Source)).Distinct())
            adstocks[p] = Adstock(reference.select(-1, p).unsqueeze(0).expand(Draws, -1, -1), carryIn.select(-1, p), p, length, activeWeeks);
        return adstocks;
    }

    /// <summary>[D, ..., R, L] one channel's contribution in KPI units of its adstocked media [D, ..., R, L].</summary>
    public Tensor Contribution(Tensor adstock, int channel) => Hill(adstock, channel, out _) * Scale(adstock, channel);

    /// <summary>
    /// [D, ..., R, L] one channel's contribution and its derivative along <paramref name="direction"/> (the change of the adstock per
    /// unit of a factor on the media): the Hill curve's slope <c>s h (1 - h) / A</c> times the direction, times the region's scale.
    /// </summary>
    public (Tensor Contribution, Tensor Derivative) ContributionWithDerivative(Tensor adstock, Tensor direction, int channel)
    {
        using var k = new KeptScalars();
        var hill = Hill(adstock, channel, out var level);
        var scale = Scale(adstock, channel);
        var slopeOf = PerDraw(slope.select(1, channel), (int)adstock.dim() - 3);
        return (hill * scale, hill * (k[1] - hill) * slopeOf / level * direction * scale);
    }

    /// <summary>The Hill curve of the adstock, and the level it is taken at (adstock floored at 0, plus epsilon).</summary>
    private Tensor Hill(Tensor adstock, int channel, out Tensor level)
    {
        using var k = new KeptScalars();
        int extra = (int)adstock.dim() - 3;
        level = adstock.clamp_min(k[0]) + k[HillCurve.Epsilon];
        return sigmoid(PerDraw(slope.select(1, channel), extra) * (log(level) - PerDraw(logHalf.select(1, channel), extra)));
    }

    /// <summary>[D, 1.., R, 1] the region's effect times its KPI divisor, shaped for an adstock [D, ..., R, L].</summary>
    private Tensor Scale(Tensor adstock, int channel)
    {
        var regionEffect = effect.select(2, channel); // [D, R]
        for (int i = 0; i < adstock.dim() - 3; i++) regionEffect = regionEffect.unsqueeze(1);
        return (regionEffect * kpiDivisor).unsqueeze(-1);
    }

    /// <summary>[D] -> [D, 1.., 1, 1] for an adstock with <paramref name="extra"/> dimensions between draws and regions.</summary>
    private static Tensor PerDraw(Tensor perDraw, int extra)
    {
        var v = perDraw;
        for (int i = 0; i < extra + 2; i++) v = v.unsqueeze(-1);
        return v;
    }

    /// <summary>[D, ..., R, L] the normalised adstock of one channel's scaled media [D, ..., R, L] from its carry-in [D, R]; with
    /// <paramref name="activeWeeks"/>, the media are known to be zero from that week on and only those columns of the kernel are used.</summary>
    public Tensor Adstock(Tensor media, Tensor carryIn, int channel, long length, int? activeWeeks = null)
    {
        var (kernel, powers) = Kernels((int)length)[channel];
        var shape = media.shape;
        var flat = media.reshape(Draws, -1, length);
        var carried = activeWeeks is int active && active < length
            ? flat.narrow(-1, 0, active).matmul(kernel.narrow(2, 0, active).transpose(1, 2)) // [D, N, L]
            : flat.matmul(kernel.transpose(1, 2));
        var carry = carryIn;
        for (int i = 0; i < media.dim() - 3; i++) carry = carry.unsqueeze(1);
        var start = carry.expand(shape[..^1]).reshape(Draws, -1, 1) * powers.unsqueeze(1);
        return (carried + start).reshape(shape);
    }

    /// <summary>Per channel, [D, L, L] the lower-triangular weights (1 - a) a^(t-j) and [D, L] the carry-in's a^(t+1).</summary>
    private (Tensor Kernel, Tensor Powers)[] Kernels(int length)
    {
        if (kernels.TryGetValue(length, out var cached)) return cached;
        using var k = new KeptScalars();
        using var _ = NewDisposeScope();
        var time = arange(k[length], dtype: float64);
        var lag = time.view(-1, 1) - time.view(1, -1);
        var built = Enumerable.Range(0, Model.ChannelCount).Select(c =>
        {
            var a = decay.select(1, c).view(-1, 1, 1);
            var kernel = where(lag >= k[0], (k[1] - a) * a.pow(lag.clamp_min(k[0])), zeros_like(lag)).DetachFromDisposeScope();
            var powers = a.view(-1, 1).pow(time + k[1]).DetachFromDisposeScope();
            return (kernel, powers);
        }).ToArray();
        kernels[length] = built;
        return built;
    }

    private static Tensor Stack(IEnumerable<double[]> rows, long[] shape) => tensor(rows.SelectMany(x => x).ToArray(), shape, float64);

    private static int[] TopologicalOrder(int channels, (int Source, double Coefficient)[][] parents)
    {
        var order = new List<int>(channels);
        var state = new int[channels]; // 0 new, 1 visiting, 2 done
        void Visit(int c)
        {
            if (state[c] == 2) return;
            if (state[c] == 1) throw new InvalidOperationException("the saved channel graph has a cycle");
            state[c] = 1;
            foreach (var (p, _) in parents[c]) Visit(p);
            state[c] = 2;
            order.Add(c);
        }
        for (int c = 0; c < channels; c++) Visit(c);
        return order.ToArray();
    }

    public void Dispose()
    {
        foreach (var (kernel, powers) in kernels.Values.SelectMany(k => k)) { kernel.Dispose(); powers.Dispose(); }
        foreach (var t in new[] { decay, slope, logHalf, effect, kpiDivisor }) t.Dispose();
    }
}
