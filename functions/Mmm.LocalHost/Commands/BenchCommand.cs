using Mmm.Lab.Bench;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm bench</c> (its options: <see cref="BenchCli"/>): prints <see cref="TrainingBench"/>'s seconds per
/// training epoch of the full model and of a bare GRU at the small and the reference panel size, plus the
/// process's peak memory.
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
}
