using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Mmm.Lab.Bench;

/// <summary>One panel size the bench times: regions x weeks x channels x controls, and the hidden size.</summary>
public sealed record BenchSize(string Name, int Regions, int Weeks, int Channels, int Controls, int Hidden);

/// <summary>What the bench runs on: torch's thread count and the device, in words.</summary>
public sealed record BenchEnvironment(int Threads, string Device);

/// <summary>One size's timings: seconds per epoch of the full model and of the bare GRU, and the process's peak memory so far.</summary>
public sealed record BenchResult(BenchSize Size, double ModelSecondsPerEpoch, double BareGruSecondsPerEpoch, long PeakRssMiB);

/// <summary>
/// Seconds per training epoch (forward + backward + clipping + AdamW step) of the full model at the
/// reference panel size (190 regions x 102 weeks x 13 channels x 7 controls, hidden 280) and at a small
/// size, next to a bare GRU of the same size as the floor, plus the process's peak memory. The
/// <c>mmm bench</c> command prints them.
/// </summary>
public static class TrainingBench
{
    public static IReadOnlyList<BenchSize> Sizes { get; } =
        [new BenchSize("small", 8, 104, 4, 2, 32), new BenchSize("reference", 190, 102, 13, 7, 280)];

    /// <summary>Sets the allocator as every training session does, so both timings see the same one.</summary>
    public static BenchEnvironment Prepare(string device)
    {
        NativeHeap.KeepFreedMemory();
        return new BenchEnvironment(get_num_threads(), DeviceChoice.Describe(DeviceChoice.Resolve(device)));
    }

    public static BenchResult Measure(BenchSize size, string device, int epochs)
    {
        var panel = RandomPanel(size);
        var options = new MmmOptions { Hidden = size.Hidden, HoldoutRatio = 0, MinTrainWeeks = 8, Device = device, Epochs = epochs + 2 };
        double model = TimeModel(panel, options, epochs);
        double gru = TimeBareGru(size, DeviceChoice.Resolve(device), epochs);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        return new BenchResult(size, model, gru, peak);
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
    private static double TimeBareGru(BenchSize size, Device device, int epochs)
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

    private static Panel RandomPanel(BenchSize s)
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
