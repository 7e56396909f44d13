using Mmm.Science.Options;

namespace Mmm.Science.Data;

/// <summary>
/// The periods [First, End) whose KPI the model is fitted on (docs/model.md §1): after the burn-in weeks
/// ("warm" burn-in; "pad" prepends zero weeks instead, so fitting starts at 0) and before the holdout, the
/// last floor(T * holdoutRatio) periods, leaving at least minTrainWeeks. It is the arithmetic of
/// Training.PanelSplit, repeated here so that validation, the ground floor, needs nothing above it; a
/// test keeps the two equal.
/// </summary>
internal static class TrainingWeeks
{
    public static (int First, int End) Of(int periods, MmmOptions o)
    {
        int holdout = (int)Math.Floor(periods * o.HoldoutRatio);
        if (periods - holdout < o.MinTrainWeeks) holdout = Math.Max(0, periods - o.MinTrainWeeks);
        int first = o.BurnIn == BurnInMode.Pad ? 0 : o.BurnInWeeks;
        return (first, periods - holdout);
    }
}
