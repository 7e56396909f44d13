using System.Globalization;
using Mmm.Science.Decisions;

namespace Mmm.LocalHost.ConsoleOutput;

/// <summary>A plan as `mmm plan` and `mmm demo` print it: per channel current and recommended spend, expected KPI with its interval,
/// marginal ROAS and the bound it sits on; then the gain against the current plan and the notes.</summary>
internal static class PlanPrinter
{
    public static void Print(PlanSummary s, IReadOnlyList<BudgetRow> channels)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{s.Kind} plan ({s.Objective}) for {s.HorizonWeeks} weeks from {s.FirstWeek:yyyy-MM-dd}, spend {s.Budget:N0} (current {s.CurrentSpend:N0})"));
        Console.WriteLine($"  {"channel",-20} {"current",14} {"recommended",14} {"change",12} {"incremental KPI (90 %)",34} {"mROAS",8} bound");
        foreach (var r in channels)
            Console.WriteLine(string.Create(c, $"  {r.Channel,-20} {r.CurrentSpend,14:N0} {r.RecommendedSpend,14:N0} {r.Change,12:N0} {r.ExpectedIncrementalKpi,12:N0} ({r.ExpectedIncrementalKpiLow,9:N0}-{r.ExpectedIncrementalKpiHigh,9:N0}) {r.MarginalRoas,8:G3} {r.Bound}"));
        Console.WriteLine(string.Create(c, $"  expected incremental KPI {s.ExpectedIncrementalKpi.Mean:N0} vs current {s.CurrentIncrementalKpi.Mean:N0}: gain {s.Gain.Mean:N0} (90 % {s.Gain.Low:N0} to {s.Gain.High:N0}), beats current in {s.ProbabilityBeatsCurrent:P0} of {s.Draws} draws"));
        foreach (var note in s.Notes) Console.WriteLine($"  note: {note}");
    }
}
