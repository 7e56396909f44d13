using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>The weights that turn [R*Tm] model cells into per-split totals in KPI units, for the structural refits.</summary>
internal static class SplitWeights
{
    /// <summary>[3, R*Tm] per split (train, holdout, all) and model cell: the cell's KPI divisor where it is a present row of the split, else 0.</summary>
    public static Tensor For(FamilyContext context)
    {
        var (panel, split) = (context.Panel, context.Split);
        int regions = panel.RegionCount, periods = panel.PeriodCount, tm = split.ModelPeriods, pad = split.Padding;
        var labels = split.Labels();
        var weights = new float[3 * regions * tm];
        for (int r = 0; r < regions; r++)
            for (int p = 0; p < periods; p++)
            {
                if (!panel.IsPresent(r, p)) continue;
                int m = r * tm + p + pad;
                float factor = (float)context.Scaler.KpiDivisor[r]; // the modulated architectures' prediction scale is 1
                if (labels[p] == SplitLabels.Train) weights[m] = factor;
                if (labels[p] == SplitLabels.Holdout) weights[regions * tm + m] = factor;
                weights[2 * regions * tm + m] = factor;
            }
        return tensor(weights, [3, regions * tm]).to(context.Device);
    }
}
