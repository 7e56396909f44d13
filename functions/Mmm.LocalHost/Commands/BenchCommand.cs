using Mmm.Lab.Bench;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm bench</c> (its options: <see cref="BenchCli"/>): prints <see cref="TrainingBench"/>'s seconds per
/// training epoch of the full model and of a bare GRU at the small and the reference panel size, plus the
/// process's peak memory; with <c>--decisions</c>, <see cref="DecisionBench"/>'s seconds for curves and plans from a saved model.
/// </summary>
public static class BenchCommand
{
    public static int Run(int epochs, string device)
    {
        var environment = TrainingBench.Prepare(device);
        System.Console.WriteLine($"torch threads: {environment.Threads}, device: {environment.Device}, timed epochs: {epochs} (after 2 untimed)");
        System.Console.WriteLine($"{"size",-11}{"R x T x C x K, H",-26}{"full model s/epoch",20}{"bare GRU s/epoch",18}{"peak RSS MiB",14}");
        foreach (var size in TrainingBench.Sizes)
        {
            var r = TrainingBench.Measure(size, device, epochs);
            System.Console.WriteLine($"{size.Name,-11}{$"{size.Regions} x {size.Weeks} x {size.Channels} x {size.Controls}, {size.Hidden}",-26}{r.ModelSecondsPerEpoch,20:F3}{r.BareGruSecondsPerEpoch,18:F3}{r.PeakRssMiB,14}");
        }
        return 0;
    }

    /// <summary><c>mmm bench --decisions &lt;run&gt;</c>: <see cref="DecisionBench"/> on the run's model.json.</summary>
    public static int RunDecisions(string runDir)
    {
        var path = Path.Combine(runDir, Mmm.Science.Decisions.SavedModel.FileName);
        if (!File.Exists(path))
        {
            System.Console.Error.WriteLine($"error: {path} does not exist: bench a finished run of the modulated or structural architecture");
            return 3;
        }
        TrainingBench.Prepare("cpu");
        DecisionBenchResult r;
        try
        {
            r = DecisionBench.Measure(path, line => System.Console.Error.WriteLine(line));
        }
        catch (Mmm.Science.Decisions.PlanInputException e)
        {
            System.Console.Error.WriteLine($"error [{e.Code}]: {e.Message}");
            return 3;
        }
        System.Console.WriteLine($"model: {r.Regions} regions x {r.Weeks} weeks x {r.Channels} channels, {r.Draws} draws (point + members)");
        System.Console.WriteLine($"{"load model.json",-44}{r.LoadSeconds,8:F2} s");
        System.Console.WriteLine($"{"curves + carry-over + direct/total effects",-44}{r.TablesSeconds,8:F2} s");
        System.Console.WriteLine($"{"plan (13 weeks, current budget)",-44}{r.PlanSeconds,8:F2} s");
        System.Console.WriteLine($"{"flighted plan (spend per week)",-44}{r.FlightedPlanSeconds,8:F2} s");
        System.Console.WriteLine($"{"curves + effects + plan",-44}{r.TablesSeconds + r.PlanSeconds,8:F2} s   peak RSS {r.PeakRssMiB} MiB");
        return 0;
    }
}
