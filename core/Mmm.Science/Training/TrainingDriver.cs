using Microsoft.Extensions.Logging;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>A whole training run, in process: start, warm start, the dual schedule block by block, finish.</summary>
public sealed record TrainingRun(FitResult Result, IReadOnlyList<HistoryRow> History, IReadOnlyList<BlockReport> Blocks,
    IReadOnlyDictionary<string, double> TimingsSeconds, string Device, string? StopReason);

/// <summary>
/// Runs the schedule that the durable orchestration runs activity by activity, here in one process (the
/// CLI's <c>fit</c>). The dual update between blocks is the same pure <see cref="DualSchedule"/> code.
/// </summary>
public static class TrainingDriver
{
    public static TrainingRun Run(Panel panel, MmmOptions options, ILogger? logger = null, Action<EpochProgress>? progress = null)
    {
        var timings = new Dictionary<string, double>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var session = TrainingSession.Start(panel, options, logger);
        timings[TimingKeys.Scaling] = Lap(clock);
        session.WarmStart();
        timings[TimingKeys.WarmStart] = Lap(clock);

        var state = DualSchedule.Start(options);
        var blocks = new List<BlockReport>();
        while (DualSchedule.NextBlock(state, options) is { } block)
        {
            var report = session.TrainBlock(block, progress);
            blocks.Add(report);
            state = DualSchedule.Advance(state, options, block, report.H, report.StoppedEarly);
        }
        timings[TimingKeys.Training] = Lap(clock);
        var result = session.Finish();
        timings[TimingKeys.Decomposing] = Lap(clock);
        return new TrainingRun(result, blocks.SelectMany(b => b.History).ToList(), blocks, timings,
            DeviceChoice.Describe(session.Device), state.StopReason);
    }

    private static double Lap(System.Diagnostics.Stopwatch clock)
    {
        double s = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return s;
    }
}
