using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm recovery</c>'s command line (<see cref="RecoveryCommand"/>).</summary>
internal static class RecoveryCli
{
    public static Command Build(ILoggerFactory logging)
    {
        var scenario = new Option<string>("--scenario") { HelpName = "name[,name]", Description = "only these scenarios (default: the whole suite)" };
        var config = new Option<string>("--config") { HelpName = "json|file", Description = "model-option overrides, inline JSON or a file" };
        var seeds = new Option<int>("--seeds") { HelpName = "N", Description = "model seeds per scenario", DefaultValueFactory = _ => 1 };
        var liftTests = new Option<string>("--lift-tests")
        {
            HelpName = "se as a fraction of the true lift", Description = "calibrate every fit to simulated lift tests, one per channel",
        };
        var outPath = new Option<string>("--out") { HelpName = "file.csv|file.json", Description = "also write the results" };
        var data = new Option<string>("--data") { HelpName = "dir", Description = "the folder of the data-file scenarios (default tests/data)" };
        var command = new Command("recovery", "attribution benchmark: fit the scenario suite with known truth, print share, ROAS, DAG and WAPE figures")
        {
            scenario, config, seeds, liftTests, outPath, data,
        };
        command.SetAction((result, _) => RecoveryCommand.RunAsync(result.GetValue(scenario), result.GetValue(config), result.GetValue(seeds),
            result.GetValue(liftTests), result.GetValue(outPath), result.GetValue(data), logging));
        return command;
    }
}
