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
    /// <param name="scorePlan">Also plan the default request (<see cref="Mmm.Science.Decisions.PlanRequest"/>) with the fit's saved
    /// model and value it under the truth (<see cref="Decisions.PlannerTruthCheck"/>), where the case has a generator.</param>
    public static RecoveryRun Run(RecoveryCase recoveryCase, MmmOptions options, ILogger? logger = null, Action<EpochProgress>? progress = null,
        bool scorePlan = false)
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
        if (scorePlan) score = WithPlan(score, recoveryCase, training.Result);
        return new RecoveryRun(training, score);
    }

    private static ScenarioScore WithPlan(ScenarioScore score, RecoveryCase recoveryCase, FitResult fit)
    {
        if (recoveryCase.Truth.Synthetic is not { } synthetic)
            return score with { PlannerNotScored = "no generator to value other plans" };
        if (fit.SavedModel is not { } model)
            return score with { PlannerNotScored = "the fit saved no model to plan with" };
        return score with { Planner = Decisions.PlannerTruthCheck.Score(synthetic, model) };
    }
}
