using System.CommandLine;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm bench</c>'s command line (<see cref="BenchCommand"/>).</summary>
internal static class BenchCli
{
    public static Command Build()
    {
        var epochs = new Option<int>("--epochs") { HelpName = "N", Description = "timed epochs per size (after 2 untimed)", DefaultValueFactory = _ => 10 };
        var device = new Option<string>("--device") { HelpName = "cpu|cuda|auto", Description = "the training device", DefaultValueFactory = _ => "auto" };
        var command = new Command("bench", "seconds per training epoch at the reference panel size and a small one, and peak memory") { epochs, device };
        command.SetAction(result => BenchCommand.Run(result.GetValue(epochs), result.GetValue(device)!));
        return command;
    }
}
