using Mmm.Science.Options;
using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>
/// The temporal split of docs/model.md §1, the same cut for every region: the last
/// floor(T*holdoutRatio) periods are held out (leaving at least minTrainWeeks), and burn-in weeks
/// come first. In the reference's "pad" burn-in the burn-in weeks are extra zero weeks prepended to the
/// model's sequence (no input rows); in our "warm" burn-in they are the first real weeks, masked out of
/// every loss and metric.
/// </summary>
public sealed record PanelSplit(int Periods, int HoldoutPeriods, int BurnInPeriods, bool PaddedBurnIn)
{
    /// <summary>First holdout period (exclusive end of the training window, burn-in included).</summary>
    public int TrainEnd => Periods - HoldoutPeriods;
    /// <summary>Leading zero weeks in the model's sequence (reference padding only).</summary>
    public int Padding => PaddedBurnIn ? BurnInPeriods : 0;
    public int ModelPeriods => Periods + Padding;
    /// <summary>First panel period whose KPI the model is fitted on.</summary>
    public int FirstFitted => PaddedBurnIn ? 0 : BurnInPeriods;

    public static PanelSplit For(int periods, MmmOptions o)
    {
        int holdout = (int)Math.Floor(periods * o.HoldoutRatio);
        if (periods - holdout < o.MinTrainWeeks) holdout = Math.Max(0, periods - o.MinTrainWeeks);
        return new PanelSplit(periods, holdout, o.BurnInWeeks, o.BurnIn == BurnInMode.Pad);
    }

    public string Label(int period) =>
        period >= TrainEnd ? SplitLabels.Holdout : period < FirstFitted ? SplitLabels.BurnIn : SplitLabels.Train;

    public string[] Labels() => Enumerable.Range(0, Periods).Select(Label).ToArray();
}
