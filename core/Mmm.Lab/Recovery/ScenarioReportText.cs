using System.Globalization;

namespace Mmm.Lab.Recovery;

/// <summary>The text the <c>mmm recovery</c> command prints for a scenario and a fit (invariant culture).</summary>
public static class ScenarioReportText
{
    /// <summary>The progress line printed before a scenario trains.</summary>
    public static string Header(int index, int count, RecoveryScenario scenario, RecoveryCase loaded)
    {
        var p = loaded.Panel;
        string regions = p.RegionCount == 1 ? "1 region" : Inv($"{p.RegionCount} regions");
        string absent = p.AbsentCells > 0 ? Inv($", {p.AbsentCells} absent") : "";
        string features = string.Join(", ", scenario.Features);
        return Inv($"[{index}/{count}] {scenario.Name}: {regions} x {p.PeriodCount} weeks ({p.RowCount} rows{absent}), {p.ChannelCount} channels, {p.ControlCount} controls; {features}");
    }

    /// <summary>A fit's block: timings, the channel table, the summary figures, the DAG and the holdout WAPE.</summary>
    public static IReadOnlyList<string> Block(ScenarioScore s)
    {
        var lines = new List<string>
        {
            Inv($"  seed {s.Seed}: {s.EpochsTrained} epochs, {s.WallSeconds:F1} s wall{(s.CpuSeconds is double cpu ? Inv($", {cpu:F1} s CPU") : "")}"),
            Inv($"    {"channel",-22}{"true share",11}{"model share",13}{"90 % interval",18}{"error pp",10}{"true ROAS",12}{"model ROAS",12}{"ROAS error",12}"),
        };
        foreach (var c in s.Channels)
        {
            string name = c.ZeroEffect ? c.Channel + " (zero)" : c.Channel;
            string roasError = c.RoasError is double e ? Inv($"{100 * e:F0} %") : "-";
            string interval = c.ModelShareLow is double low && c.ModelShareHigh is double high
                ? Inv($"{100 * low:F2}-{100 * high:F2}{(c.Covered == true || c.ZeroEffect ? "" : " !")}") : "-";
            lines.Add(Inv($"    {name,-22}{Pct(c.TrueShare),11}{Pct(c.ModelShare),13}{interval,18}{100 * c.ShareError,10:F2}{Roas(c.TrueRoas),12}{Roas(c.ModelRoas),12}{roasError,12}"));
        }
        lines.Add(Inv($"    {"all media",-22}{Pct(s.TrueMediaShare),11}{Pct(s.ModelMediaShare),13}{"",18}{100 * s.MediaShareError,10:F2}"));
        if (s.Channels.Any(c => c.ModelShape is not null))
        {
            lines.Add(Inv($"    {"response curve",-22}{"decay true/model",20}{"slope true/model",20}{"half true/model",20}{"elasticity true/model",24}"));
            foreach (var c in s.Channels.Where(c => c.ModelShape is not null))
                lines.Add(Inv($"    {c.Channel,-22}{Pair(c.TrueShape?.AdstockDecay, c.ModelShape!.AdstockDecay),20}{Pair(c.TrueShape?.HillSlope, c.ModelShape.HillSlope),20}{Pair(c.TrueShape?.HillHalfSaturation, c.ModelShape.HillHalfSaturation),20}{Pair(c.TrueShape?.ElasticityAtMean, c.ModelShape.ElasticityAtMean),24}"));
        }

        if (s.LiftTests is { Count: > 0 } tests)
        {
            lines.Add(Inv($"    {"lift test",-22}{"window",25}{"rows",6}{"true",12}{"measured",12}{"se",10}{"model",12}{"z",7}"));
            foreach (var t in tests)
                lines.Add(Inv($"    {t.Test.Channel,-22}{$"{t.Test.Start:yyyy-MM-dd} to {t.Test.End:yyyy-MM-dd}",25}{t.Test.Rows,6}{t.TrueLift,12:G5}{t.Test.Lift,12:G5}{t.Test.StandardError,10:G3}{t.Test.ModelLift,12:G5}{t.Test.ZScore,7:F2}"));
        }

        var worst = s.WorstShareChannel;
        string zero = s.WorstZeroEffectChannel is { } z ? Inv($"zero-effect share {NoNegativeZero(100 * z.ModelShare, 2):F2} % ({z.Channel})") : "no zero-effect channel";
        string roas = s.WorstRoasChannel is { } r
            ? Inv($"ROAS error mean {100 * s.MeanRoasError!.Value:F0} %, worst {100 * r.RoasError!.Value:F0} % ({r.Channel})")
            : "no ROAS to score";
        lines.Add(Inv($"  share error mean {100 * s.MeanShareError:F2} pp, worst {100 * worst.ShareError:F2} pp ({worst.Channel}); media total error {100 * s.MediaShareError:F2} pp; {zero}; {roas}"));
        var (covered, counted) = s.IntervalCoverage;
        if (counted > 0)
            lines.Add(Inv($"  intervals hold the truth {covered}/{counted} (median width {100 * s.MedianIntervalWidth!.Value:F2} pp)") +
                      (s.SelfCheck is { Coverage: double sc } check
                          ? Inv($"; self-check on {check.Refits} simulated panels: intervals held the simulated truth {check.Covered}/{check.Count} ({100 * sc:F0} %), refits within {check.Channels.Average(c => c.MeanError):F2} pp on average")
                          : ""));
        lines.Add($"  DAG: planted {Edges(s.PlantedEdges)}; selected {Edges(s.SelectedEdges)}; SHD {s.Shd}{GraphDetail(s.Graph)}");
        if (s.HoldoutWape is double wape)
        {
            string naive = s.BestNaiveWape is double n ? Inv($"{100 * n:F2} %") : "n/a";
            string verdict = s.BeatsNaive ? "below naive" : "NOT below naive";
            lines.Add(Inv($"  holdout WAPE {100 * wape:F2} % vs best naive {naive} ({s.BestNaive ?? "none"}): {verdict}"));
        }
        else lines.Add("  no holdout: WAPE not scored");
        lines.AddRange(PlannerLines(s));
        return lines;
    }

    /// <summary>
    /// The planner's default recommendation valued under the truth: the share of the true optimum's gain it captured, the true
    /// gains, what the model expected, and each channel's spend (current / recommended / true optimum); "n/a" with the reason
    /// where it was not scored; nothing where no plan was asked for.
    /// </summary>
    public static IReadOnlyList<string> PlannerLines(ScenarioScore s)
    {
        if (s.Planner is not { } p)
            return s.PlannerNotScored is { } why ? [$"  planner vs truth: n/a ({why})"] : [];
        string captured = p.CapturedGainShare is double share
            ? Inv($"captured {100 * share:F1} % of the true optimum's gain")
            : "no gain possible over the current plan";
        return
        [
            Inv($"  planner vs truth: {captured} (plan {Signed(p.TrueGainOfPlan)} true KPI, optimum {Signed(p.TrueOptimumGain)}, model expected {Signed(p.ModelExpectedGain)}{GainInterval(p)}; budget {p.Budget:G6} over {p.HorizonWeeks} weeks, planned and scored in {p.Seconds:F1} s)"),
            "    spend current/plan/optimum: " + string.Join(", ", p.Channels.Select(c => Inv($"{c.Channel} {c.Current:G4}/{c.Recommended:G4}/{c.TrueOptimum:G4}"))),
        ];
    }

    private static string GainInterval(Mmm.Lab.Decisions.PlannerTruthScore p) => p.GainIntervalHoldsTruth is bool holds
        ? $" (90 % {Signed(p.ModelGainLow!.Value)} to {Signed(p.ModelGainHigh!.Value)}, {(holds ? "holds" : "misses")} the plan's true gain)"
        : "";

    private static string Signed(double v) => (v >= 0 ? "+" : "") + v.ToString("G5", CultureInfo.InvariantCulture);

    /// <summary>The line after a scenario's fits with several seeds: the largest movement of any channel's share.</summary>
    public static string SeedSpreadLine(string scenario, int seeds, (double Spread, string Channel) spread) =>
        Inv($"  {scenario} over {seeds} seeds: largest share movement {100 * spread.Spread:F2} pp ({spread.Channel})");

    private static string Edges(IReadOnlyList<PlantedEdge> edges) =>
        edges.Count == 0 ? "none" : string.Join(", ", edges.Select(e => $"{e.Source} -> {e.Target}"));

    private static string GraphDetail(GraphDifference g)
    {
        var parts = new List<string>();
        if (g.Missing.Count > 0) parts.Add("missing " + Edges(g.Missing));
        if (g.Extra.Count > 0) parts.Add("extra " + Edges(g.Extra));
        if (g.Reversed.Count > 0) parts.Add("reversed " + Edges(g.Reversed));
        return parts.Count == 0 ? "" : " (" + string.Join("; ", parts) + ")";
    }

    private static string Pair(double? truth, double model) => Inv($"{(truth is double t ? t.ToString("F2", CultureInfo.InvariantCulture) : "-")} / {model:F2}");

    private static string Pct(double fraction) => Inv($"{NoNegativeZero(100 * fraction, 2):F2} %");

    /// <summary>-0.001 printed with two decimals reads "-0.00"; print 0.00 instead.</summary>
    private static double NoNegativeZero(double value, int decimals) => Math.Round(value, decimals) == 0 ? 0 : value;
    private static string Roas(double? roas) => roas is double v ? v.ToString("G4", CultureInfo.InvariantCulture) : "-";
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
