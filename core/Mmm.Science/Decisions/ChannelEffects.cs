using Mmm.Science.Model;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Decisions;

/// <summary>
/// Direct and total effects over the panel's weeks (docs/model.md §10): for each channel with children in the selected graph,
/// its media are switched off over every week and the children's media respond (<see cref="ResponseEngine"/>); the drop of the
/// other channels' contributions over each split's present cells is the channel's indirect effect. A channel without children
/// has none.
/// </summary>
internal static class ChannelEffects
{
    /// <param name="labels">[T] each week's split label (train, holdout, burn-in).</param>
    public static IReadOnlyList<ChannelEffect> Compute(ResponseEngine engine, string[] labels)
    {
        var m = engine.Model;
        int r = m.RegionCount, t = m.PeriodCount, c = m.ChannelCount;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var k = new KeptScalars();
        var history = engine.ScaledHistory();
        var media = tensor(history, [r, t, c], float64);
        var baseline = engine.Contributions(media, engine.CarryIn(history, 0)); // [D, R, T, C]
        var splits = new[] { ChannelSplits.Train, ChannelSplits.Holdout, ChannelSplits.All };
        var masks = splits.Select(s => tensor(Enumerable.Range(0, r * t)
            .Select(i => m.Present[i] && (s == ChannelSplits.All || labels[i % t] == s) ? 1.0 : 0.0).ToArray(), [r, t], float64)).ToArray();
        var hasChildren = Enumerable.Range(0, c).Select(ch => m.Edges.Any(e => e.Source == m.Channels[ch])).ToArray();
        var effects = new List<ChannelEffect>(c * splits.Length);
        for (int ch = 0; ch < c; ch++)
        {
            // One channel's counterfactual at a time: its tensors are freed before the next channel's.
            using var channelScope = NewDisposeScope();
            Tensor? indirect = null; // [D, R, T]
            if (hasChildren[ch])
            {
                var off = history.ToArray();
                for (int cell = 0; cell < r * t; cell++) off[cell * c + ch] = 0;
                var switched = engine.Contributions(tensor(off, [r, t, c], float64), engine.CarryIn(off, 0), reference: media);
                var drop = baseline - switched;
                indirect = drop.sum(-1) - drop.select(-1, ch);
            }
            for (int s = 0; s < splits.Length; s++)
            {
                double direct = (baseline[0].select(-1, ch) * masks[s]).sum().item<double>();
                if (indirect is null)
                {
                    effects.Add(new ChannelEffect(m.Channels[ch], splits[s], direct, 0, m.Members.Count >= 2 ? 0 : null, m.Members.Count >= 2 ? 0 : null));
                    continue;
                }
                var perDraw = (indirect * masks[s]).sum([1, 2]).data<double>().ToArray();
                var (low, high) = DrawInterval.Of(perDraw[0], perDraw.Skip(1));
                effects.Add(new ChannelEffect(m.Channels[ch], splits[s], direct, perDraw[0], low, high));
            }
        }
        return effects;
    }
}
