using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Recovery;

/// <summary>A suite scenario generated from a <see cref="SyntheticPanelSpec"/> (seeded, so always the same panel).</summary>
public sealed record SyntheticScenario(string Name, IReadOnlyList<string> Features, SyntheticPanelSpec Spec)
{
    /// <summary>Experiments the scenario carries: its loaded panel is calibrated to them (<see cref="ScenarioLiftTests"/>).</summary>
    public IReadOnlyList<ScenarioLiftTest> LiftTests { get; init; } = [];

    public SyntheticPanel Generate() => SyntheticPanelGenerator.Generate(Spec);

    public RecoveryCase Load()
    {
        var synthetic = Generate();
        var loaded = new RecoveryCase(Name, synthetic.Panel, RecoveryTruth.FromSynthetic(synthetic));
        return LiftTests.Count == 0
            ? loaded
            : loaded with { Panel = loaded.Panel.WithLiftTests(ScenarioLiftTests.Tests(loaded, LiftTests), $"{Name} (its lift tests)") };
    }

    public RecoveryScenario ToScenario() => new(Name, Features, _ => Task.FromResult(Load()));
}
