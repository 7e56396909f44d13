using System.CommandLine;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm bench</c>'s command line (<see cref="BenchCommand"/>).</summary>
internal static class BenchCli
{
    public static Command Build()
    {
        var epochs = new Option<int>("--epochs") { HelpName = "N", Description = "timed epochs per size (after 2 untimed)", DefaultValueFactory = _ => 10 };
        var device = new Option<string>("--device") { HelpName = "cpu|cuda|auto", Description = "the training device", DefaultValueFactory = _ => "auto" };
        var decisions = new Option<string>("--decisions")
        {
            HelpName = "output dir", Description = "instead: time curves, effects and plans from a finished run's model.json",
        };
        var command = new Command("bench", "seconds per training epoch at the reference panel size and a small one, and peak memory")
            { epochs, device, decisions };
        command.SetAction(result => result.GetValue(decisions) is { } run
            ? BenchCommand.RunDecisions(run)
            : BenchCommand.Run(result.GetValue(epochs), result.GetValue(device)!));
        return command;
    }
}
