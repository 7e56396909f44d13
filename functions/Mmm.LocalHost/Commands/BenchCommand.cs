using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>bench [--epochs N] [--device cpu|cuda|auto]</c>: seconds per training epoch (forward + backward +
/// clipping + AdamW step) of the full model at the reference panel size (190 regions x 102 weeks x 13
/// channels x 7 controls, hidden 280) and at a small size, next to a bare GRU of the same size as the
/// floor, plus the process's peak memory.
/// </summary>
public static class BenchCommand
{
    private sealed record Size(string Name, int Regions, int Weeks, int Channels, int Controls, int Hidden);

    public static int Run(int epochs, string device)
    {
        NativeHeap.KeepFreedMemory(); // as every training session does, so both timings see the same allocator
        System.Console.WriteLine($"torch threads: {get_num_threads()}, device: {DeviceChoice.Describe(DeviceChoice.Resolve(device))}, timed epochs: {epochs} (after 2 untimed)");
        System.Console.WriteLine($"{"size",-11}{"R x T x C x K, H",-26}{"full model s/epoch",20}{"bare GRU s/epoch",18}{"peak RSS MiB",14}");
        foreach (var size in new[] { new Size("small", 8, 104, 4, 2, 32), new Size("reference", 190, 102, 13, 7, 280) })
        {
            var panel = RandomPanel(size);
            var options = new MmmOptions { Hidden = size.Hidden, HoldoutRatio = 0, MinTrainWeeks = 8, Device = device, Epochs = epochs + 2 };
            double model = TimeModel(panel, options, epochs);
            double gru = TimeBareGru(size, DeviceChoice.Resolve(device), epochs);
            long peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
            System.Console.WriteLine($"{size.Name,-11}{$"{size.Regions} x {size.Weeks} x {size.Channels} x {size.Controls}, {size.Hidden}",-26}{model,20:F3}{gru,18:F3}{peak,14}");
        }
        return 0;
    }

    private static double TimeModel(Panel panel, MmmOptions options, int epochs)
    {
        using var session = TrainingSession.Start(panel, options, NullLogger.Instance);
        var duals = new NotearsState(true, 1, 0);
        session.TrainBlock(new TrainingBlock(1, 2, duals));
        var clock = Stopwatch.StartNew();
        session.TrainBlock(new TrainingBlock(2, epochs, duals));
        return clock.Elapsed.TotalSeconds / epochs;
    }

    /// <summary>The floor: a GRU of the same size over the same sequence, with a linear head, MSE and AdamW.</summary>
    private static double TimeBareGru(Size size, Device device, int epochs)
    {
        manual_seed(1);
        using var gru = nn.GRU(size.Channels + size.Hidden / 2, size.Hidden, batchFirst: true);
        using var head = nn.Linear(size.Hidden, 1);
        gru.to(device);
        head.to(device);
        var x = randn(size.Regions, size.Weeks, size.Channels + size.Hidden / 2, device: device);
        var y = randn(size.Regions, size.Weeks, 1, device: device);
        // The same optimizer as the full model's main loop (TorchSharp's own is banned: build/BannedSymbols.txt).
        using var optimizer = new AdamW(gru.parameters().Concat(head.parameters()).ToList(), 0.01);
        double seconds = 0;
        for (int e = 0; e < epochs + 2; e++)
        {
            var clock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var (h, _) = gru.forward(x);
            var loss = nn.functional.mse_loss(head.forward(h), y);
            loss.backward();
            optimizer.Apply();
            loss.item<float>();
            if (e >= 2) seconds += clock.Elapsed.TotalSeconds;
        }
        return seconds / epochs;
    }

    private static Panel RandomPanel(Size s)
    {
        var rng = new Random(11);
        int cells = s.Regions * s.Weeks;
        return new Panel
        {
            Source = $"bench-{s.Name}",
            Regions = Enumerable.Range(0, s.Regions).Select(r => $"r{r:D3}").ToList(),
            Dates = Enumerable.Range(0, s.Weeks).Select(w => new DateOnly(2020, 1, 6).AddDays(7 * w)).ToList(),
            StepDays = 7,
            KpiName = "kpi",
            Channels = Enumerable.Range(0, s.Channels).Select(c => $"media_{c}").ToList(),
            Controls = Enumerable.Range(0, s.Controls).Select(k => $"control_{k}").ToList(),
            Kpi = Enumerable.Range(0, cells).Select(_ => 1000 + 100 * rng.NextDouble()).ToArray(),
            Media = Enumerable.Range(0, cells * s.Channels).Select(_ => 50 * rng.NextDouble()).ToArray(),
            ControlValues = Enumerable.Range(0, cells * s.Controls).Select(_ => rng.NextDouble()).ToArray(),
            Present = Enumerable.Repeat(true, cells).ToArray(),
        };
    }
}
