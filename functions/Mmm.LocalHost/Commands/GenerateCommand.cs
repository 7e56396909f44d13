using Mmm.Science.Data;
using Mmm.Science.Synthetic;

namespace Mmm.LocalHost.Commands;

/// <summary><c>generate &lt;out.parquet&gt; [--truth truth.parquet] [--seed N] [--regions N] [--weeks N] [--ragged N]</c>: a synthetic panel with known truth.</summary>
public static class GenerateCommand
{
    public const string Usage = "generate <out.parquet> [--truth <truth.parquet>] [--seed N] [--regions N] [--weeks N] [--ragged N]";

    public static async Task<int> RunAsync(CommandArguments args)
    {
        args.CheckOnly("truth", "seed", "regions", "weeks", "ragged");
        if (args.Positional.Count != 1) throw new UsageException(Usage);
        var defaults = new SyntheticPanelSpec();
        var spec = defaults with
        {
            Seed = (ulong)args.Int("seed", (int)defaults.Seed),
            Regions = args.Int("regions", defaults.Regions),
            Weeks = args.Int("weeks", defaults.Weeks),
            RaggedRegions = args.Int("ragged", defaults.RaggedRegions),
        };
        var synthetic = SyntheticPanelGenerator.Generate(spec);
        await using (var output = File.Create(args.Positional[0]))
            await PanelParquetWriter.WriteAsync(synthetic.Panel, output);
        if (args.Option("truth") is { } truthPath)
            await TruthParquetWriter.WriteAsync(synthetic.Truth, truthPath);
        System.Console.WriteLine($"wrote {args.Positional[0]}: {synthetic.Panel.RowCount} rows, {spec.Regions} regions x {spec.Weeks} weeks");
        foreach (var share in synthetic.Truth.ChannelShares())
            System.Console.WriteLine($"  true share {share.Channel,-16} {share.Share,8:P2}");
        foreach (var edge in synthetic.Truth.Edges)
            System.Console.WriteLine($"  true edge  {edge.Source} -> {edge.Target}");
        return 0;
    }
}
