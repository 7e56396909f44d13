using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.LocalHost.ConsoleOutput;

/// <summary>Prints the headline numbers of a run: metrics next to the naive baselines, channel shares and ROAS, the lift tests against the model, the DAG.</summary>
public static class SummaryPrinter
{
    public static void Print(RunSummary s, TrainingRun? run = null)
    {
        var m = s.Metrics;
        System.Console.WriteLine();
        System.Console.WriteLine($"{"",-26}{"pooled R2",10}{"RMSE",14}{"WAPE",9}{"MAPE",9}{"median R2/region",18}");
        Row("model, train", m.Train);
        Row("model, holdout", m.Holdout);
        Row("naive: region train mean", m.Baselines.RegionTrainMean);
        Row("naive: last 13 weeks", m.Baselines.RegionLast13Mean);
        Row("naive: y[t-52]", m.Baselines.SeasonalNaive52);
        System.Console.WriteLine();
        System.Console.WriteLine($"{"channel, all weeks",-32}{"contribution",14}{"% of actual",13}{"90 % interval",16}{"% of predicted",16}{"spend",14}{"ROAS",10}");
        foreach (var c in s.Channels)
        {
            string interval = c.All.ShareOfActualLow is double low && c.All.ShareOfActualHigh is double high ? $"{low:F1}-{high:F1} %" : "n/a";
            System.Console.WriteLine($"  {c.Channel,-30}{c.All.Contribution,14:G5}{Pct(c.All.ShareOfActual / 100),13}{interval,16}{Pct(c.All.ShareOfPredicted / 100),16}" +
                                     $"{c.All.Spend?.ToString("G5") ?? "n/a",14}{c.All.Roas?.ToString("G4") ?? "n/a",10}");
        }
        if (s.LiftTests.Count > 0)
        {
            System.Console.WriteLine($"{"lift test",-32}{"window",26}{"rows",6}{"measured",12}{"se",10}{"model",12}{"z",7}");
            foreach (var t in s.LiftTests)
                System.Console.WriteLine($"  {t.Channel,-30}{$"{t.Start:yyyy-MM-dd} to {t.End:yyyy-MM-dd}",26}{t.Rows,6}{t.Lift,12:G5}{t.StandardError,10:G3}{t.ModelLift,12:G5}{t.ZScore,7:F2}");
        }
        if (s.RoiPriors.Count > 0)
        {
            System.Console.WriteLine($"{"ROI prior",-32}{"kind",8}{"rows",6}{"prior",12}{"sd",10}{"model",12}{"z",7}");
            foreach (var p in s.RoiPriors)
                System.Console.WriteLine($"  {p.Channel,-30}{p.Kind,8}{p.Rows,6}{p.Prior,12:G4}{p.StandardDeviation,10:G3}{p.Model,12:G4}{p.ZScore,7:F2}");
        }
        if (s.SelfCheck is { } check)
        {
            System.Console.WriteLine($"self-check on {check.Refits} panels simulated from this fit: intervals held the truth {check.Covered}/{check.Count}");
            foreach (var c in check.Channels)
                System.Console.WriteLine($"  {c.Channel,-30} true {c.TrueShare,6:F2} %  refits {c.MeanShare,6:F2} %  mean error {c.MeanError,5:F2} pp  held {c.Covered}/{check.Refits}");
        }
        foreach (var h in s.HealthChecks)
            System.Console.WriteLine($"[{h.Status}] {h.Check}: {h.Message}");
        var edges = s.Dag.SelectedEdges.Select(e => $"{e.Source} -> {e.Target} ({e.Weight:F2}{(e.Probability is double p ? $", in {p:P0} of members" : "")})").ToList();
        System.Console.WriteLine($"DAG ({s.Dag.Mode}, threshold {s.Dag.Threshold}): h = {s.Dag.FinalH?.ToString("E2") ?? "n/a"}, acyclic = {s.Dag.Acyclic}, " +
                                 $"{edges.Count} edges{(edges.Count > 0 ? ": " + string.Join(", ", edges.Take(12)) : "")}{(edges.Count > 12 ? ", ..." : "")}");
        if (s.Dag.RemovedEdges.Count > 0)
            System.Console.WriteLine($"  removed to break cycles: {string.Join(", ", s.Dag.RemovedEdges.Select(e => $"{e.Source} -> {e.Target}"))}");
        if (run is not null)
            System.Console.WriteLine($"trained {run.Result.EpochsTrained} epochs on {run.Device} ({run.StopReason}); " +
                                     string.Join(", ", run.TimingsSeconds.Select(t => $"{t.Key} {t.Value:F1} s")) +
                                     (run.Result.RestoredBestEpoch is int best ? $"; restored best weights of epoch {best}" : ""));
    }

    private static void Row(string name, SplitMetrics? x)
    {
        if (x is null) return;
        System.Console.WriteLine($"{name,-26}{Fmt(x.PooledR2),10}{x.Rmse,14:G5}{Pct(x.Wape),9}{Pct(x.Mape),9}{Fmt(x.MedianWithinRegionR2),18}");
    }

    private static string Fmt(double? v) => v?.ToString("F3") ?? "n/a";
    private static string Pct(double? v) => v is double d ? (100 * d).ToString("F1") + "%" : "n/a";
}
