using Mmm.Science.Data;
using Mmm.Lab.Recovery;
using Mmm.Lab.Synthetic;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm generate</c> (its options: <see cref="GenerateCli"/>):
/// a synthetic panel with known truth: the default spec, or a scenario of the recovery suite; the other options override it.
/// The scenario's own experiments (<see cref="SyntheticScenario.LiftTests"/>) and, with <c>--lift-tests</c>, simulated ones
/// (<see cref="SimulatedLiftTests"/>, se that fraction of the true lift) go into the file's run config (<c>mmm.config</c>).
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(string outPath, string? truthPath, string? scenarioName, int? seed, int? regions, int? weeks, int? ragged,
        string? liftTests)
    {
        var scenario = scenarioName is { } name
            ? RecoverySuite.Synthetic.FirstOrDefault(s => s.Name == name)
              ?? throw new UsageException($"unknown scenario '{name}'; known: {string.Join(", ", RecoverySuite.Synthetic.Select(s => s.Name))}")
            : null;
        var basis = scenario?.Spec ?? new SyntheticPanelSpec();
        var spec = basis with
        {
            Seed = (ulong)(seed ?? (int)basis.Seed),
            Regions = regions ?? basis.Regions,
            Weeks = weeks ?? basis.Weeks,
            RaggedRegions = ragged ?? basis.RaggedRegions,
        };
        double? liftPrecision = RecoveryCommand.LiftPrecision(liftTests);
        var synthetic = SyntheticPanelGenerator.Generate(spec);
        var generated = new RecoveryCase(scenario?.Name ?? "generated", synthetic.Panel, RecoveryTruth.FromSynthetic(synthetic));
        IReadOnlyList<LiftTest> tests =
        [
            .. ScenarioLiftTests.Tests(generated, scenario?.LiftTests ?? []),
            .. liftPrecision is { } precision ? SimulatedLiftTests.Tests(generated, precision, new Science.Options.MmmOptions()) : [],
        ];
        await using (var output = File.Create(outPath))
            await PanelParquetWriter.WriteAsync(synthetic.Panel, output, tests.Count > 0 ? RunConfig.LiftTestsJson(tests) : null);
        if (truthPath is not null)
            await TruthParquetWriter.WriteAsync(synthetic.Truth, truthPath);
        System.Console.WriteLine($"wrote {outPath}: {synthetic.Panel.RowCount} rows, {spec.Regions} regions x {spec.Weeks} weeks");
        var roas = synthetic.TrueRoas();
        foreach (var (share, r) in synthetic.Truth.ChannelShares().Zip(roas))
            System.Console.WriteLine($"  true share {share.Channel,-16} {share.Share,8:P2}   ROAS {r.Roas:G4}");
        foreach (var edge in synthetic.Truth.Edges)
            System.Console.WriteLine($"  true edge  {edge.Source} -> {edge.Target}");
        foreach (var t in tests)
            System.Console.WriteLine($"  lift test  {t.Channel,-16} {t.Start:yyyy-MM-dd} to {t.End:yyyy-MM-dd} in {string.Join(", ", t.Regions!)}: {t.Lift:G6} (se {t.StandardError:G4}), in the file's run config");
        return 0;
    }
}
