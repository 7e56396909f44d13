namespace Mmm.Science.Data;

/// <summary>What an ROI prior's value measures.</summary>
public enum RoiPriorKind
{
    /// <summary>KPI units the channel caused per unit of its spend.</summary>
    Roas,
    /// <summary>The fraction of the KPI the channel caused.</summary>
    Share,
}

/// <summary>
/// One prior belief of the run config (<c>roiPriors</c>) about a channel's return, from past studies or benchmarks
/// rather than an experiment on this data: its ROAS or its share of the KPI over a window, with a standard deviation.
/// </summary>
/// <param name="Channel">A media channel of the file.</param>
/// <param name="Kind">Whether <see cref="Value"/> is a ROAS or a share of the KPI.</param>
/// <param name="Value">The prior's centre: a ROAS (&gt;= 0) or a share (0 to below 1).</param>
/// <param name="StandardDeviation">The prior's standard deviation, in the unit of <see cref="Value"/>; &gt; 0.</param>
/// <param name="Start">First date of the window (inclusive); null: the first fitted training week.</param>
/// <param name="End">Last date of the window (inclusive); null: the last training week before the holdout.</param>
public sealed record RoiPrior(string Channel, RoiPriorKind Kind, double Value, double StandardDeviation, DateOnly? Start, DateOnly? End);

/// <summary>
/// An ROI prior resolved against a panel: the channel's index, the panel cells (region * periods + period) its window
/// covers, and what the channel's contribution summed over those cells is divided by to give the prior's quantity:
/// the channel's spend there (ROAS) or the KPI there (share). Always &gt; 0.
/// </summary>
public sealed record PanelRoiPrior(RoiPrior Prior, int Channel, IReadOnlyList<int> Cells, double Denominator);
