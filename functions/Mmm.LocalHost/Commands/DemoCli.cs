using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm demo</c>'s command line (<see cref="DemoCommand"/>).</summary>
internal static class DemoCli
{
    public static Command Build(ILoggerFactory logging)
    {
        var outDir = new Option<string>("--out") { HelpName = "dir", Description = "where the outputs go (default out/demo)" };
        var command = new Command("demo", "generate a synthetic panel with known truth, run it through the local pipeline, compare") { outDir };
        command.SetAction((result, _) => DemoCommand.RunAsync(result.GetValue(outDir), logging));
        return command;
    }
}
