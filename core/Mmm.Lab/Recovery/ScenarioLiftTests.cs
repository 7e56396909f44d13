using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Recovery;

/// <summary>
/// Runs a scenario's own experiments (<see cref="ScenarioLiftTest"/>) on its panel: each reports the channel's true
/// contribution over the test's rows plus se times a normal draw seeded by the scenario's name and the test's index,
/// so the truth enters only through that noisy measurement, and the draws differ from <c>--lift-tests</c>'s.
/// </summary>
public static class ScenarioLiftTests
{
    private const ulong NoiseStream = 0x5CE7A210;

    public static IReadOnlyList<LiftTest> Tests(RecoveryCase recoveryCase, IReadOnlyList<ScenarioLiftTest> specs)
    {
        ArgumentNullException.ThrowIfNull(recoveryCase);
        var panel = recoveryCase.Panel;
        var (first, end) = TrainingWeeks.Of(panel.PeriodCount, new MmmOptions());
        var tests = new List<LiftTest>(specs.Count);
        for (int i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            int channel = panel.Channels.ToList().IndexOf(spec.Channel);
            if (channel < 0) throw new ArgumentException($"lift test {i}: the panel has no channel '{spec.Channel}'", nameof(specs));
            if (spec.Regions < 1 || spec.Weeks < 1 || spec.Weeks > end - first || spec.StartFraction is < 0 or >= 1 || !(spec.SeFraction > 0))
                throw new ArgumentException($"lift test {i} ({spec.Channel}): needs at least one region, 1 to {end - first} weeks, " +
                                            "a start fraction in [0, 1) and an se fraction > 0", nameof(specs));
            int start = Math.Min(first + (int)Math.Floor(spec.StartFraction * (end - first)), end - spec.Weeks);
            var regions = Enumerable.Range(0, Math.Min(spec.Regions, panel.RegionCount)).ToList();
            var noise = DeterministicRandom.For(SimulatedLiftTests.NameSeed(recoveryCase.Name), NoiseStream, (ulong)i);
            tests.Add(SimulatedLiftTests.Measure(recoveryCase, channel, regions, start, start + spec.Weeks - 1, spec.SeFraction, noise));
        }
        return tests;
    }
}
