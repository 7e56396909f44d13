using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Mmm.Science.Options;
using Mmm.Science.Training;

namespace Mmm.Lab.Recovery;

/// <summary>A scenario's training run and its score.</summary>
public sealed record RecoveryRun(TrainingRun Training, ScenarioScore Score);

/// <summary>Fits one case with the product's in-process training (<see cref="TrainingDriver"/>) and scores the result.</summary>
public static class RecoveryRunner
{
    public static RecoveryRun Run(RecoveryCase recoveryCase, MmmOptions options, ILogger? logger = null, Action<EpochProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(recoveryCase);
        ArgumentNullException.ThrowIfNull(options);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var training = TrainingDriver.Run(recoveryCase.Panel, options, logger, progress);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var score = RecoveryScoring.Score(recoveryCase.Name, options.Seed, training.Result, recoveryCase.Truth, seconds, cpu);
        return new RecoveryRun(training, score);
    }
}
