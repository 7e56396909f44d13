using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm run</c>'s command line (<see cref="RunCommand"/>).</summary>
internal static class RunCli
{
    public static Command Build(ILoggerFactory logging)
    {
        var file = new Argument<string>("file") { HelpName = "file.parquet", Description = "the panel; its file name is the dataset name" };
        var config = new Option<string>("--config") { HelpName = "run-config.json", Description = "run config, uploaded next to the panel" };
        var outDir = new Option<string>("--out") { HelpName = "dir", Description = "where the outputs go (default out/{dataset})" };
        var command = new Command("run", "serve in process, upload the file, follow the run, download its outputs") { file, config, outDir };
        command.SetAction((result, _) => RunCommand.RunAsync(result.GetValue(file)!, result.GetValue(config), result.GetValue(outDir), logging));
        return command;
    }
}
