using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Decisions;

/// <summary>A channel's true direct effect (its own contribution) and total effect (all channels' drop when it is switched off), KPI units.</summary>
public sealed record TrueTotalEffect(string Channel, double Direct, double Total);

/// <summary>
/// Each channel's true total effect through the planted DAG over the panel's present cells: the channel's media switched off in
/// every week, its children's media falling by the generator's rule (<see cref="TrueResponse.Simulate"/> against the observed media),
/// and the drop of every channel's contribution summed. The direct effect is the channel's own stored contribution. (A child's
/// holdout raise is not applied to the part its parent drives, so for a child with a holdout factor the holdout weeks' response
/// is approximate.)
/// </summary>
public static class TrueTotalEffects
{
    public static IReadOnlyList<TrueTotalEffect> Compute(SyntheticPanel synthetic)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        var (panel, truth) = (synthetic.Panel, synthetic.Truth);
        int r = panel.RegionCount, t = panel.PeriodCount, c = panel.ChannelCount;
        var observed = TrueResponse.Simulate(truth, panel.Media, panel.Media, t, null);
        double observedTotal = PresentSum(observed, panel.Present, c, _ => true);
        var effects = new TrueTotalEffect[c];
        for (int ci = 0; ci < c; ci++)
        {
            var off = (double[])panel.Media.Clone();
            for (int cell = 0; cell < r * t; cell++) off[cell * c + ci] = 0.0;
            var without = TrueResponse.Simulate(truth, off, panel.Media, t, null);
            int channel = ci;
            double direct = PresentSum(observed, panel.Present, c, k => k == channel);
            effects[ci] = new TrueTotalEffect(panel.Channels[ci], direct, observedTotal - PresentSum(without, panel.Present, c, _ => true));
        }
        return effects;
    }

    private static double PresentSum(double[] contributions, bool[] present, int channels, Func<int, bool> channel)
    {
        double sum = 0;
        for (int cell = 0; cell < present.Length; cell++)
        {
            if (!present[cell]) continue;
            for (int k = 0; k < channels; k++)
                if (channel(k)) sum += contributions[cell * channels + k];
        }
        return sum;
    }
}
