using System.Globalization;
using Mmm.Science.Data;
using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>
/// The checks every run makes of itself (summary.json <c>healthChecks</c>, docs/contract.md): each a pass, warn or fail and
/// a sentence a marketer can act on. They say where the numbers should not be read at face value: a baseline below zero,
/// media taking the whole KPI, a flat or saddle-shaped fit, restarts that disagree, experiments or priors the fit
/// contradicts, implausible returns, intervals wider than the share they qualify, a self-check whose intervals missed,
/// and a forecast no better than a naive one.
/// </summary>
public static class HealthChecks
{
    /// <summary>Inputs of the checks that a fit produced; null parts are checks that do not apply to the run.</summary>
    public sealed record Evidence(
        Panel Panel,
        IReadOnlyList<DecompositionRow> Decomposition,
        IReadOnlyList<ChannelSummary> Channels,
        MetricsReport Metrics,
        IReadOnlyList<LiftTestResult> LiftTests,
        IReadOnlyList<RoiPriorResult> RoiPriors,
        Curvature? Curvature,
        PrefitRestarts? Restarts,
        SelfCheckResult? SelfCheck);

    public static IReadOnlyList<HealthCheck> Run(Evidence e)
    {
        var checks = new List<HealthCheck?>
        {
            NegativeBaseline(e), MediaTotal(e), Curvature(e.Curvature), RestartAgreement(e), LiftTests(e.LiftTests), RoiPriors(e.RoiPriors),
            RoasRange(e.Channels), IntervalWidth(e.Channels), SelfCheck(e.SelfCheck), HoldoutForecast(e.Metrics),
        };
        return checks.OfType<HealthCheck>().ToList();
    }

    /// <summary>Share of region-weeks whose baseline (level + its time-varying part + trend + season) is below zero.</summary>
    private static HealthCheck NegativeBaseline(Evidence e)
    {
        var baseline = new Dictionary<(string, DateOnly), double>();
        foreach (var row in e.Decomposition)
            if (row.ComponentType is ComponentTypes.Baseline or ComponentTypes.Trend or ComponentTypes.Seasonality)
                baseline[(row.Region, row.Date)] = baseline.GetValueOrDefault((row.Region, row.Date)) + row.Contribution;
        var scale = RegionMeans(e.Panel);
        int negative = baseline.Count(b => b.Value < -1e-6 * scale[b.Key.Item1]);
        double share = baseline.Count > 0 ? (double)negative / baseline.Count : 0;
        string status = share == 0 ? HealthStatus.Pass : share < 0.05 ? HealthStatus.Warn : HealthStatus.Fail;
        return new HealthCheck(HealthCheckNames.NegativeBaseline, status, 100 * share,
            share == 0
                ? "The baseline (what the KPI would be without media and controls) is at or above zero in every region-week."
                : $"The baseline is below zero in {Percent(share)} % of region-weeks ({negative} of {baseline.Count}): there the model says the KPI would be negative without media, so media are over-credited.");
    }

    private static HealthCheck MediaTotal(Evidence e)
    {
        double total = e.Channels.Sum(c => c.All.ShareOfActual ?? 0);
        string status = total >= 100 ? HealthStatus.Fail : total >= 75 ? HealthStatus.Warn : HealthStatus.Pass;
        return new HealthCheck(HealthCheckNames.MediaTotal, status, total,
            status == HealthStatus.Pass
                ? $"Media together caused {Number(total)} % of the KPI."
                : $"Media together are credited with {Number(total)} % of the KPI{(total >= 100 ? ", more than all of it" : "")}: a baseline this small is rarely true; check that the panel holds the drivers of demand (controls) and compare with experiments.");
    }

    private static HealthCheck? Curvature(Curvature? c)
    {
        if (c is null) return null;
        if (!c.PositiveDefinite)
            return new HealthCheck(HealthCheckNames.Curvature, HealthStatus.Warn, c.SmallestEigenvalue,
                $"The fit is flat or saddle-shaped along one direction of its {c.Parameters} pooled parameters (mostly {c.Weakest}): the data cannot decide it there, so read the intervals, not the point.");
        string status = c.Condition < 1e6 ? HealthStatus.Pass : HealthStatus.Warn;
        return new HealthCheck(HealthCheckNames.Curvature, status, c.Condition,
            status == HealthStatus.Pass
                ? $"The fit is a proper optimum; its {c.Parameters} pooled parameters are pinned within a factor of {Number(Math.Sqrt(c.Condition))} of each other (condition number {c.Condition.ToString("G3", CultureInfo.InvariantCulture)})."
                : $"The fit is an optimum, but a weakly pinned one (condition number {c.Condition.ToString("G3", CultureInfo.InvariantCulture)}): the data say little about {c.Weakest}.");
    }

    /// <summary>
    /// Restarts whose score is within 2 nats of the kept one are modes the data cannot tell from it: their channel shares
    /// should agree with the kept one's.
    /// </summary>
    private static HealthCheck? RestartAgreement(Evidence e)
    {
        if (e.Restarts is not { Scores.Length: > 1 } r) return null;
        double best = r.Scores[r.Kept];
        var rivals = Enumerable.Range(0, r.Scores.Length).Where(i => i != r.Kept && r.Scores[i] - best <= 2).ToList();
        if (rivals.Count == 0)
            return new HealthCheck(HealthCheckNames.RestartAgreement, HealthStatus.Pass, 0,
                $"Of {r.Scores.Length} restarts of the fit, the kept one is better than the others by more than 2 nats: one clear mode.");
        var (gap, channel) = rivals.SelectMany(i => r.MeanContributions[i].Select((v, c) => (Math.Abs(v - r.MeanContributions[r.Kept][c]), c))).Max();
        double pp = 100 * gap;
        string status = pp <= 2 ? HealthStatus.Pass : HealthStatus.Warn;
        return new HealthCheck(HealthCheckNames.RestartAgreement, status, pp,
            status == HealthStatus.Pass
                ? $"{rivals.Count} other restart(s) fit about as well and agree within {Number(pp)} pp on every channel."
                : $"{rivals.Count} other restart(s) fit about as well but give {e.Panel.Channels[channel]} a share {Number(pp)} pp different: the data cannot choose between them.");
    }

    private static HealthCheck? LiftTests(IReadOnlyList<LiftTestResult> tests)
    {
        if (tests.Count == 0) return null;
        var worst = tests.MaxBy(t => Math.Abs(t.ZScore))!;
        double z = Math.Abs(worst.ZScore);
        string status = ByZ(z);
        return new HealthCheck(HealthCheckNames.LiftTests, status, worst.ZScore,
            status == HealthStatus.Pass
                ? $"The fit agrees with all {tests.Count} lift test(s) within 2 standard errors (worst: {worst.Channel}, z = {Number(worst.ZScore)})."
                : $"The fit disagrees with the lift test of {worst.Channel} ({worst.Start:yyyy-MM-dd} to {worst.End:yyyy-MM-dd}) by {Number(z)} standard errors: the test measured another quantity, or the model cannot fit both.");
    }

    private static HealthCheck? RoiPriors(IReadOnlyList<RoiPriorResult> priors)
    {
        if (priors.Count == 0) return null;
        var worst = priors.MaxBy(p => Math.Abs(p.ZScore))!;
        double z = Math.Abs(worst.ZScore);
        string status = ByZ(z);
        return new HealthCheck(HealthCheckNames.RoiPriors, status, worst.ZScore,
            status == HealthStatus.Pass
                ? $"The data moved no ROI prior by more than 2 of its sds (largest: {worst.Channel}, {Number(worst.Prior)} to {Number(worst.Model)})."
                : $"The data moved {worst.Channel}'s {worst.Kind} from the prior's {Number(worst.Prior)} to {Number(worst.Model)} ({Number(z)} sds): the prior and this panel disagree; check the prior's source.");
    }

    /// <summary>Channels whose ROAS is over 10 times the spend-weighted ROAS of all channels, or under a tenth of it (with at least 0.5 % of the KPI).</summary>
    private static HealthCheck? RoasRange(IReadOnlyList<ChannelSummary> channels)
    {
        var spent = channels.Where(c => c.All.Spend is > 0 && c.All.Roas is not null).ToList();
        if (spent.Count < 2) return null;
        double overall = spent.Sum(c => c.All.Contribution) / spent.Sum(c => c.All.Spend!.Value);
        if (!(overall > 0)) return null;
        var odd = spent.Where(c => (c.All.ShareOfActual ?? 0) >= 0.5 && (c.All.Roas!.Value > 10 * overall || c.All.Roas!.Value < overall / 10)).ToList();
        return new HealthCheck(HealthCheckNames.RoasRange, odd.Count == 0 ? HealthStatus.Pass : HealthStatus.Warn, odd.Count,
            odd.Count == 0
                ? $"Every channel's ROAS lies within a factor of 10 of the media's overall {Number(overall)}."
                : $"ROAS more than 10 times above or below the media's overall {Number(overall)}: {string.Join(", ", odd.Select(c => $"{c.Channel} {Number(c.All.Roas!.Value)}"))}; check the spend column and its costPerUnit.");
    }

    private static HealthCheck? IntervalWidth(IReadOnlyList<ChannelSummary> channels)
    {
        var bounded = channels.Where(c => c.All.ShareOfActualLow is not null && c.All.ShareOfActual is not null).ToList();
        if (bounded.Count == 0) return null;
        var wide = bounded.Where(c => c.All.ShareOfActualHigh!.Value - c.All.ShareOfActualLow!.Value > Math.Max(c.All.ShareOfActual!.Value, 0.5)).ToList();
        return new HealthCheck(HealthCheckNames.IntervalWidth, wide.Count == 0 ? HealthStatus.Pass : HealthStatus.Warn, wide.Count,
            wide.Count == 0
                ? "Every channel's 90 % interval is narrower than its share: the data pin each one."
                : $"The data do not pin {string.Join(", ", wide.Select(c => $"{c.Channel} ({Number(c.All.ShareOfActualLow!.Value)}-{Number(c.All.ShareOfActualHigh!.Value)} %)"))}: " +
                  "its 90 % interval is wider than its share; an experiment or an ROI prior is what would decide it.");
    }

    private static HealthCheck? SelfCheck(SelfCheckResult? s)
    {
        if (s?.Coverage is not double coverage) return null;
        var weakest = s.Channels.MaxBy(c => c.MeanError)!;
        string status = coverage >= 0.8 ? HealthStatus.Pass : coverage >= 0.6 ? HealthStatus.Warn : HealthStatus.Fail;
        return new HealthCheck(HealthCheckNames.SelfCheck, status, 100 * coverage,
            $"On {s.Refits} panels simulated from this fit, the 90 % intervals held the known truth {Percent(coverage)} % of the time" +
            $" and the shares were recovered within {Number(s.Channels.Average(c => c.MeanError))} pp on average (worst: {weakest.Channel}, {Number(weakest.MeanError)} pp)" +
            (status == HealthStatus.Pass ? "." : ": on this panel the intervals are too narrow; read them as a lower bound on the uncertainty."));
    }

    private static HealthCheck? HoldoutForecast(MetricsReport m)
    {
        if (m.Holdout?.Wape is not double wape) return null;
        var naive = new[] { ("the region's training mean", m.Baselines.RegionTrainMean), ("the mean of its last 13 weeks", m.Baselines.RegionLast13Mean),
            ("the value 52 weeks earlier", m.Baselines.SeasonalNaive52) }.Where(n => n.Item2?.Wape is not null).MinBy(n => n.Item2!.Wape!.Value);
        if (naive.Item2 is null) return null;
        double best = naive.Item2.Wape!.Value;
        string status = wape < best ? HealthStatus.Pass : HealthStatus.Warn;
        return new HealthCheck(HealthCheckNames.HoldoutForecast, status, 100 * wape,
            status == HealthStatus.Pass
                ? $"On the held-out weeks the model's error (WAPE {Percent(wape)} %) is below the best naive forecast's ({naive.Item1}, {Percent(best)} %)."
                : $"On the held-out weeks the model forecasts worse (WAPE {Percent(wape)} %) than {naive.Item1} ({Percent(best)} %): something the panel holds later is not in the model.");
    }

    /// <summary>Within 2 sds: pass; within 3: warn; beyond: fail.</summary>
    private static string ByZ(double absoluteZ) => absoluteZ <= 2 ? HealthStatus.Pass : absoluteZ <= 3 ? HealthStatus.Warn : HealthStatus.Fail;

    private static Dictionary<string, double> RegionMeans(Panel panel) => Enumerable.Range(0, panel.RegionCount).ToDictionary(r => panel.Regions[r], r =>
    {
        var values = Enumerable.Range(0, panel.PeriodCount).Where(t => panel.IsPresent(r, t)).Select(t => Math.Abs(panel.KpiAt(r, t))).ToList();
        return values.Count > 0 ? Math.Max(values.Average(), 1e-12) : 1;
    });

    private static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture);
    private static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "F0" : "G3", CultureInfo.InvariantCulture);
}
