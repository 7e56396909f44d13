using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Recovery;

/// <summary>
/// The experiments a marketer could have run on a scenario's panel (<c>mmm recovery --lift-tests</c>): one geo test
/// per channel, in the first half of the regions (the one region of a one-region panel), over <see cref="Weeks"/>
/// weeks of the training period, the channels' windows staggered over it. Each result is what an experiment reports:
/// the channel's true contribution over the test's rows plus a normal measurement error whose sd, the reported se,
/// is <see cref="StandardError"/>: a fraction of that true lift, but at least <see cref="KpiFloor"/> of those rows'
/// KPI (seeded by the scenario's name). The truth enters only through that noisy measurement, as it would.
/// </summary>
public static class SimulatedLiftTests
{
    public const int Weeks = 8;

    /// <summary>
    /// No test is more precise than 0.5 % of the tested rows' KPI: the KPI's own noise bounds what an experiment can
    /// resolve, and a channel with no effect still gets a finite se.
    /// </summary>
    public const double KpiFloor = 0.005;

    /// <summary>The case with its simulated tests (<see cref="Tests"/>) added to its panel's lift tests (a scenario's own are kept).</summary>
    public static RecoveryCase With(RecoveryCase recoveryCase, double precision, MmmOptions options) =>
        recoveryCase with
        {
            Panel = recoveryCase.Panel.WithLiftTests(
                [.. recoveryCase.Panel.LiftTests.Select(t => t.Test), .. Tests(recoveryCase, precision, options)],
                $"{recoveryCase.Name} (simulated lift tests)"),
        };

    /// <summary>One simulated test per channel of the case's panel, in channel order.</summary>
    /// <param name="precision">The tests' standard error as a fraction of the true lift over the tested rows (e.g. 0.15).</param>
    public static IReadOnlyList<LiftTest> Tests(RecoveryCase recoveryCase, double precision, MmmOptions options)
    {
        ArgumentNullException.ThrowIfNull(recoveryCase);
        if (!(precision > 0)) throw new ArgumentOutOfRangeException(nameof(precision), precision, "must be > 0");
        var panel = recoveryCase.Panel;
        var (first, end) = TrainingWeeks.Of(panel.PeriodCount, options);
        int span = Math.Max(0, end - first - Weeks), channels = panel.ChannelCount;
        var regions = Enumerable.Range(0, Math.Max(1, panel.RegionCount / 2)).ToList();
        var tests = new List<LiftTest>(channels);
        for (int c = 0; c < channels; c++)
        {
            int start = first + span * (c + 1) / (channels + 1), stop = Math.Min(end, start + Weeks) - 1;
            tests.Add(Measure(recoveryCase, c, regions, start, stop, precision, DeterministicRandom.For(NameSeed(recoveryCase.Name), (ulong)c)));
        }
        return tests;
    }

    /// <summary>An experiment's se: <paramref name="fraction"/> of |true lift|, at least <see cref="KpiFloor"/> of the tested rows' |KPI|.</summary>
    public static double StandardError(double trueLift, double kpi, double fraction) =>
        Math.Max(fraction * Math.Abs(trueLift), KpiFloor * Math.Abs(kpi));

    /// <summary>The test of <paramref name="channel"/> over <paramref name="regions"/> x periods [start, stop] (inclusive): true lift + se x one normal draw of <paramref name="noise"/>.</summary>
    internal static LiftTest Measure(RecoveryCase recoveryCase, int channel, IReadOnlyList<int> regions, int start, int stop, double fraction,
        DeterministicRandom noise)
    {
        var panel = recoveryCase.Panel;
        double lift = 0, kpi = 0;
        foreach (int r in regions)
            for (int p = start; p <= stop; p++)
            {
                if (!panel.IsPresent(r, p)) continue;
                lift += recoveryCase.Truth.Contributions[new RowKey(panel.Regions[r], panel.Dates[p])][channel];
                kpi += panel.KpiAt(r, p);
            }
        double se = StandardError(lift, kpi, fraction);
        return new LiftTest(panel.Channels[channel], panel.Dates[start], panel.Dates[stop], regions.Select(r => panel.Regions[r]).ToList(),
            lift + se * noise.Normal(), se);
    }

    /// <summary>The measurement noise's seed: FNV-1a of the scenario's name, so a scenario's tests do not depend on which others run.</summary>
    internal static ulong NameSeed(string name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char ch in name) hash = (hash ^ ch) * 1099511628211UL;
        return hash;
    }
}
