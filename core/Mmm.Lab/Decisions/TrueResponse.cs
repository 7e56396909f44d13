using Mmm.Lab.Synthetic;
using Mmm.Science.Decisions;

namespace Mmm.Lab.Decisions;

/// <summary>
/// The generator's true media response re-simulated for any spend plan (<see cref="SyntheticPanelGenerator"/>): each
/// channel's geometric adstock, divided by the region's reference the generator used (<see cref="SyntheticTruth.AdstockReferences"/>,
/// the mean adstock of the spend as planned, before any holdout raise), through the channel's true saturation curve, times the
/// region's beta (<see cref="SyntheticTruth.RegionBetas"/>). A planted child's media follow the generator's rule
/// <c>X = Scale size ((1 - gamma) own + gamma A_parent / mean(A_parent))</c>: under a plan they move by
/// <c>Scale size gamma / mean(A_parent)</c> times the parent's change of adstock against a reference plan, floored at 0.
/// <para>
/// A plan spends over the <see cref="Horizon"/> weeks after the panel's last week, the same every week, split over regions as the
/// science library's <see cref="CurrentSpend"/> splits the current plan for the planner (the panel's last 52 weeks), so truth and
/// planner compare the same baseline; then <see cref="CarryOutWeeks"/> weeks of zero spend so that adstock tails count. The
/// history's adstock is the carry-in. Outcomes are the incremental KPI of the horizon and carry-out against the zero plan, all
/// channels, children's response included (the planner's objective, <see cref="BudgetPlanner"/>).
/// </para>
/// </summary>
public sealed class TrueResponse
{
    public const int DefaultCarryOutWeeks = 104;

    private readonly SyntheticTruth truth;
    private readonly int regions, channels;
    private readonly double[] carryIn, mediaPerSpend, reference, zeroByChannel;

    public TrueResponse(SyntheticPanel synthetic, int horizonWeeks = PlanRequest.DefaultHorizonWeeks, int carryOutWeeks = DefaultCarryOutWeeks)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        if (horizonWeeks < 1) throw new ArgumentOutOfRangeException(nameof(horizonWeeks), horizonWeeks, "the horizon needs at least one week");
        if (carryOutWeeks < 0) throw new ArgumentOutOfRangeException(nameof(carryOutWeeks), carryOutWeeks, "the carry-out cannot be negative");
        var panel = synthetic.Panel;
        truth = synthetic.Truth;
        if (!panel.Channels.SequenceEqual(truth.ChannelNames))
            throw new ArgumentException("the panel's channels must be the truth's, in its order", nameof(synthetic));
        regions = panel.RegionCount;
        channels = panel.ChannelCount;
        Horizon = horizonWeeks;
        CarryOutWeeks = carryOutWeeks;
        var spendPerUnit = Enumerable.Range(0, channels).Select(panel.SpendPerUnit).ToArray();
        if (spendPerUnit.Any(s => s is null))
            throw new NotSupportedException("every channel of a synthetic panel needs a spend basis to be planned");
        CurrentSpend = CurrentSpend.From(panel.Media, panel.Present, regions, panel.PeriodCount, channels, spendPerUnit);
        Current = CurrentSpend.WeeklySpend.Select(w => w * Horizon).ToArray();

        mediaPerSpend = new double[regions * channels];
        for (int r = 0; r < regions; r++)
            for (int c = 0; c < channels; c++)
                mediaPerSpend[r * channels + c] = CurrentSpend.RegionSplit[r * channels + c] / spendPerUnit[c]!.Value;
        carryIn = EndState(truth, panel.Media, panel.PeriodCount);
        reference = PlanMedia(Current);
        zeroByChannel = ByChannel(Simulate(truth, PlanMedia(new double[channels]), reference, Length, carryIn));
    }

    public int Horizon { get; }
    public int CarryOutWeeks { get; }
    /// <summary>Weeks simulated after the panel: the horizon and the carry-out.</summary>
    public int Length => Horizon + CarryOutWeeks;
    public IReadOnlyList<string> Channels => truth.ChannelNames;
    /// <summary>The current plan as the planner defines it (<see cref="CurrentSpend"/> of the panel's media).</summary>
    public CurrentSpend CurrentSpend { get; }
    /// <summary>[C] the current plan's spend over the horizon.</summary>
    public double[] Current { get; }

    /// <summary>The true incremental KPI of a plan (<paramref name="spend"/>: [C] spend over the horizon), all channels, against the zero plan.</summary>
    public double Outcome(ReadOnlySpan<double> spend) => ChannelOutcome(spend).Sum();

    /// <summary>[C] each channel's own true incremental KPI under a plan against the zero plan (a child's response to its parent
    /// shows in the child's entry).</summary>
    public double[] ChannelOutcome(ReadOnlySpan<double> spend)
    {
        if (spend.Length != channels) throw new ArgumentException($"a plan needs one spend per channel ({channels}), not {spend.Length}", nameof(spend));
        var total = ByChannel(Simulate(truth, PlanMedia(spend), reference, Length, carryIn));
        for (int c = 0; c < channels; c++) total[c] -= zeroByChannel[c];
        return total;
    }

    /// <summary>
    /// [R*L*C] each channel's true contribution (KPI units) over <paramref name="length"/> weeks of raw media <paramref name="media"/>
    /// ([R*L*C]) that start from the adstock state <paramref name="start"/> ([R*C]; null: from nothing, as the generator starts).
    /// With <paramref name="referenceMedia"/> ([R*L*C]) planted children respond to their parents' change of adstock against it;
    /// without, media are taken as they are. Given the panel's own media (as its own reference), this is the generator's stored
    /// contribution of every present cell.
    /// </summary>
    public static double[] Simulate(SyntheticTruth truth, ReadOnlySpan<double> media, ReadOnlySpan<double> referenceMedia, int length, double[]? start)
    {
        ArgumentNullException.ThrowIfNull(truth);
        int r = truth.RegionCount, c = truth.Channels.Count;
        if (media.Length != r * length * c) throw new ArgumentException($"media must be [R*L*C] = {r * length * c} values, not {media.Length}", nameof(media));
        bool responds = !referenceMedia.IsEmpty;
        if (responds && referenceMedia.Length != media.Length) throw new ArgumentException("the reference must be shaped as the media", nameof(referenceMedia));
        var parents = truth.Channels.Select(ch => ch.DrivenBy is null ? -1 : IndexOf(truth, ch.DrivenBy)).ToArray();
        var contributions = new double[r * length * c];
        var adstock = new double[c][];
        var referenceAdstock = new double[c][];
        var x = new double[length];
        for (int ri = 0; ri < r; ri++)
        {
            Array.Clear(referenceAdstock);
            for (int ci = 0; ci < c; ci++) // the spec lists a parent before its children
            {
                var spec = truth.Channels[ci];
                double carry0 = start?[ri * c + ci] ?? 0.0;
                for (int t = 0; t < length; t++) x[t] = media[(ri * length + t) * c + ci];
                int p = parents[ci];
                if (responds && p >= 0)
                {
                    double parentMean = truth.AdstockReferences[ri * c + p];
                    double k = parentMean > 0 ? spec.Scale * truth.RegionSize[ri] * spec.DrivenShare / parentMean : 0.0;
                    referenceAdstock[p] ??= Adstock(referenceMedia, ri, p, c, length, truth.Channels[p].AdstockDecay, start?[ri * c + p] ?? 0.0);
                    for (int t = 0; t < length; t++) x[t] = Math.Max(0.0, x[t] + k * (adstock[p][t] - referenceAdstock[p]![t]));
                }
                var a = adstock[ci] = new double[length];
                double carry = carry0, decay = spec.AdstockDecay;
                for (int t = 0; t < length; t++) a[t] = carry = x[t] + decay * carry;
                double mean = truth.AdstockReferences[ri * c + ci], beta = truth.BetaInRegion(ri, ci);
                for (int t = 0; t < length; t++)
                    contributions[(ri * length + t) * c + ci] = mean > 0 ? beta * ResponseCurves.Saturation(spec, a[t] / mean) : 0.0;
            }
        }
        return contributions;
    }

    /// <summary>[R*C] each channel's adstock at the end of the first <paramref name="weeks"/> weeks of raw media [R*T*C].</summary>
    public static double[] EndState(SyntheticTruth truth, ReadOnlySpan<double> media, int weeks)
    {
        int r = truth.RegionCount, c = truth.Channels.Count;
        var state = new double[r * c];
        for (int ri = 0; ri < r; ri++)
            for (int ci = 0; ci < c; ci++)
            {
                double carry = 0.0, decay = truth.Channels[ci].AdstockDecay;
                for (int t = 0; t < weeks; t++) carry = media[(ri * weeks + t) * c + ci] + decay * carry;
                state[ri * c + ci] = carry;
            }
        return state;
    }

    /// <summary>[R*L*C] raw media of a plan: spend / horizon each week of the horizon by the current regional split, then zero.</summary>
    private double[] PlanMedia(ReadOnlySpan<double> spend)
    {
        var media = new double[regions * Length * channels];
        for (int r = 0; r < regions; r++)
            for (int c = 0; c < channels; c++)
            {
                double weekly = spend[c] / Horizon * mediaPerSpend[r * channels + c];
                for (int t = 0; t < Horizon; t++) media[(r * Length + t) * channels + c] = weekly;
            }
        return media;
    }

    private double[] ByChannel(double[] contributions)
    {
        var total = new double[channels];
        for (int i = 0; i < contributions.Length; i++) total[i % channels] += contributions[i];
        return total;
    }

    private static double[] Adstock(ReadOnlySpan<double> media, int region, int channel, int channels, int length, double decay, double start)
    {
        var a = new double[length];
        double carry = start;
        for (int t = 0; t < length; t++) a[t] = carry = media[(region * length + t) * channels + channel] + decay * carry;
        return a;
    }

    private static int IndexOf(SyntheticTruth truth, string channel)
    {
        for (int c = 0; c < truth.Channels.Count; c++)
            if (truth.Channels[c].Name == channel) return c;
        throw new ArgumentException($"the truth has no channel '{channel}'", nameof(channel));
    }
}
