using Mmm.Science.Synthetic;

namespace Mmm.Science.Recovery;

/// <summary>A suite scenario generated from a <see cref="SyntheticPanelSpec"/> (seeded, so always the same panel).</summary>
public sealed record SyntheticScenario(string Name, IReadOnlyList<string> Features, SyntheticPanelSpec Spec)
{
    public SyntheticPanel Generate() => SyntheticPanelGenerator.Generate(Spec);

    public RecoveryCase Load()
    {
        var synthetic = Generate();
        return new RecoveryCase(Name, synthetic.Panel, RecoveryTruth.FromSynthetic(synthetic));
    }

    public RecoveryScenario ToScenario() => new(Name, Features, _ => Task.FromResult(Load()));
}
