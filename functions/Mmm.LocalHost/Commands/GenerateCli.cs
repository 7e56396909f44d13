using System.CommandLine;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm generate</c>'s command line (<see cref="GenerateCommand"/>).</summary>
internal static class GenerateCli
{
    public static Command Build()
    {
        var output = new Argument<string>("out") { HelpName = "out.parquet", Description = "the panel to write" };
        var truth = new Option<string>("--truth") { HelpName = "truth.parquet", Description = "also write the true effects" };
        var scenario = new Option<string>("--scenario") { HelpName = "recovery scenario", Description = "start from a scenario of the recovery suite" };
        var seed = new Option<int?>("--seed") { HelpName = "N", Description = "generator seed" };
        var regions = new Option<int?>("--regions") { HelpName = "N", Description = "regions" };
        var weeks = new Option<int?>("--weeks") { HelpName = "N", Description = "weeks" };
        var ragged = new Option<int?>("--ragged") { HelpName = "N", Description = "regions with a shorter history" };
        var liftTests = new Option<string>("--lift-tests")
        {
            HelpName = "se as a fraction of the true lift", Description = "add simulated lift tests, one per channel, to the file's run config",
        };
        var command = new Command("generate", "write a synthetic panel with known channel effects and a planted DAG edge (or a recovery scenario's)")
        {
            output, truth, scenario, seed, regions, weeks, ragged, liftTests,
        };
        command.SetAction((result, _) => GenerateCommand.RunAsync(result.GetValue(output)!, result.GetValue(truth), result.GetValue(scenario),
            result.GetValue(seed), result.GetValue(regions), result.GetValue(weeks), result.GetValue(ragged), result.GetValue(liftTests)));
        return command;
    }
}
