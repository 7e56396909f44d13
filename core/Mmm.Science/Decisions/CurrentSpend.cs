namespace Mmm.Science.Decisions;

/// <summary>
/// The current plan a budget is compared with: each channel's mean weekly spend over the panel's last
/// <see cref="DefaultWindowWeeks"/> weeks (all weeks if fewer), and how that spend splits over regions. A plan over a
/// future horizon keeps the regional split and, unless flighted, spends the same every week (docs/model.md §10).
/// </summary>
/// <param name="WeeklySpend">[C] mean spend per week, summed over regions (0 for a channel without a spend basis).</param>
/// <param name="RegionSplit">[R*C] region r's share of channel c's spend over the window (each channel's column sums to 1; equal
/// shares over the regions present in the window where the channel spent nothing).</param>
public sealed record CurrentSpend(double[] WeeklySpend, double[] RegionSplit, int FirstWeek, int WindowWeeks)
{
    public const int DefaultWindowWeeks = 52;

    /// <param name="media">[R*T*C] raw media (absent cells are skipped).</param>
    /// <param name="present">[R*T]</param>
    /// <param name="spendPerUnit">[C] cost of one media unit; null: the channel has no spend basis and is not planned.</param>
    public static CurrentSpend From(double[] media, bool[] present, int regions, int periods, int channels, IReadOnlyList<double?> spendPerUnit,
        int windowWeeks = DefaultWindowWeeks)
    {
        int weeks = Math.Min(windowWeeks, periods), first = periods - weeks;
        var byRegion = new double[regions * channels];
        var regionPresent = new bool[regions];
        for (int r = 0; r < regions; r++)
            for (int t = first; t < periods; t++)
            {
                if (!present[r * periods + t]) continue;
                regionPresent[r] = true;
                for (int c = 0; c < channels; c++)
                    byRegion[r * channels + c] += media[(r * periods + t) * channels + c] * (spendPerUnit[c] ?? 0.0);
            }
        var weekly = new double[channels];
        var split = new double[regions * channels];
        int presentRegions = Math.Max(1, regionPresent.Count(p => p));
        for (int c = 0; c < channels; c++)
        {
            double total = 0;
            for (int r = 0; r < regions; r++) total += byRegion[r * channels + c];
            weekly[c] = total / weeks;
            for (int r = 0; r < regions; r++)
                split[r * channels + c] = total > 0 ? byRegion[r * channels + c] / total : regionPresent[r] ? 1.0 / presentRegions : 0.0;
        }
        return new CurrentSpend(weekly, split, first, weeks);
    }
}
