using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm fit</c>'s command line (<see cref="FitCommand"/>).</summary>
internal static class FitCli
{
    public static Command Build(ILoggerFactory logging)
    {
        var input = new Argument<string>("input") { HelpName = "input.parquet", Description = "the panel" };
        var outDir = new Option<string>("--out") { HelpName = "dir", Description = "where the output files go", Required = true };
        var config = new Option<string>("--config") { HelpName = "run-config.json", Description = "run config (else the panel's own, else defaults)" };
        var device = new Option<string>("--device") { HelpName = "cpu|cuda|auto", Description = "replaces the run config's device" };
        var command = new Command("fit", "train the causal MMM on a Parquet panel in this process and write the output files") { input, outDir, config, device };
        command.SetAction((result, _) => FitCommand.FitAsync(result.GetValue(input)!, result.GetValue(outDir)!, result.GetValue(config), result.GetValue(device), logging));
        return command;
    }
}
