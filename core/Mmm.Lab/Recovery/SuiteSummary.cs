using System.Globalization;

namespace Mmm.Lab.Recovery;

/// <summary>
/// The suite's worst cases over every scored fit: the worst scenario's mean share error, the worst channel's
/// share error, the worst zero-effect channel's |share|, the worst ROAS relative error, the worst SHD, and how
/// many fits beat their best naive forecast on holdout WAPE. Shares are fractions (0.01 = 1 pp).
/// </summary>
public sealed record SuiteSummary(
    ScenarioScore WorstMeanShare,
    (ScenarioScore Scenario, ChannelScore Channel) WorstChannel,
    (ScenarioScore Scenario, ChannelScore Channel)? WorstZeroEffect,
    (ScenarioScore Scenario, ChannelScore Channel)? WorstRoas,
    ScenarioScore WorstShd,
    int BeatNaive,
    int Count,
    int IntervalsCovering = 0,
    int IntervalCount = 0)
{
    /// <summary>The median width of every fit's 90 % share intervals (channels with an effect; a fraction of the KPI).</summary>
    public double? MedianIntervalWidth { get; init; }
    /// <summary>Over every fit's self-check: channels x refits whose interval held the simulated truth, and how many there were.</summary>
    public int SelfCheckCovered { get; init; }
    public int SelfCheckCount { get; init; }

    /// <summary>How much of the share errors the fitted curves' elasticities explain; null without enough known curves.</summary>
    public ElasticityDiagnosis? Elasticity { get; init; }

    /// <summary>The issue's bar: the planner's recommendation captures at least this share of the true optimum's gain on every scenario.</summary>
    public const double CapturedGainTarget = 0.90;

    /// <summary>
    /// The planner against the truth over the fits scored with a plan, e.g. <c>planner: captured gain of the true optimum worst
    /// 93.1 % (funnel), median 98.0 % over 10 scenarios; target ≥ 90 % on every scenario: met</c>; null when no fit was scored with a plan.
    /// Fits where no gain was possible or that could not be scored (no generator) are counted apart.
    /// </summary>
    public static string? PlannerLine(IReadOnlyList<ScenarioScore> scores)
    {
        var asked = scores.Where(s => s.Planner is not null || s.PlannerNotScored is not null).ToList();
        if (asked.Count == 0) return null;
        var scored = asked.Where(s => s.CapturedGainShare is not null).ToList();
        int noGain = asked.Count(s => s.Planner is not null && s.CapturedGainShare is null), na = asked.Count(s => s.Planner is null);
        string rest = (noGain > 0 ? $"; {noGain} with no gain possible" : "") + (na > 0 ? $"; n/a for {na} ({string.Join(", ", asked.Where(s => s.Planner is null).Select(s => s.Scenario).Distinct())})" : "");
        if (scored.Count == 0) return $"planner: no captured gain to score{rest}";
        var worst = scored.MinBy(s => s.CapturedGainShare!.Value)!;
        double w = worst.CapturedGainShare!.Value;
        string verdict = w >= CapturedGainTarget ? "met" : $"NOT met (worst {Pp(w)} %, {worst.Scenario})";
        var intervals = asked.Where(s => s.Planner?.GainIntervalHoldsTruth is not null).ToList();
        string honest = intervals.Count == 0 ? ""
            : $"; the plan's 90 % gain interval held its true gain in {intervals.Count(s => s.Planner!.GainIntervalHoldsTruth == true)}/{intervals.Count}";
        return $"planner: captured gain of the true optimum worst {Pp(w)} % ({worst.Scenario}), median {Pp(Median(scored.Select(s => s.CapturedGainShare!.Value).ToList())!.Value)} % " +
               $"over {scored.Count} fit{(scored.Count == 1 ? "" : "s")}{rest}; target ≥ {Percent0(CapturedGainTarget)} % on every scenario: {verdict}{honest}";
    }

    public static SuiteSummary From(IReadOnlyList<ScenarioScore> scores)
    {
        if (scores.Count == 0) throw new ArgumentException("no scenario was scored", nameof(scores));
        var channels = scores.SelectMany(s => s.Channels.Select(c => (Scenario: s, Channel: c))).ToList();
        var zero = channels.Where(x => x.Channel.ZeroEffect).ToList();
        var roas = channels.Where(x => x.Channel.RoasError is not null).ToList();
        return new SuiteSummary(
            scores.MaxBy(s => s.MeanShareError)!,
            channels.MaxBy(x => x.Channel.ShareError),
            zero.Count > 0 ? zero.MaxBy(x => Math.Abs(x.Channel.ModelShare)) : null,
            roas.Count > 0 ? roas.MaxBy(x => x.Channel.RoasError) : null,
            scores.MaxBy(s => s.Shd)!,
            scores.Count(s => s.BeatsNaive),
            scores.Count,
            scores.Sum(s => s.IntervalCoverage.Covered),
            scores.Sum(s => s.IntervalCoverage.Count))
        {
            Elasticity = ElasticityDiagnosis.From(channels.Select(x => x.Channel)),
            MedianIntervalWidth = Median(channels.Where(x => !x.Channel.ZeroEffect && x.Channel.ModelShareLow is not null && x.Channel.ModelShareHigh is not null)
                .Select(x => x.Channel.ModelShareHigh!.Value - x.Channel.ModelShareLow!.Value).ToList()),
            SelfCheckCovered = scores.Sum(s => s.SelfCheck?.Covered ?? 0),
            SelfCheckCount = scores.Sum(s => s.SelfCheck?.Count ?? 0),
        };
    }

    /// <summary>
    /// The one closing line scripts read, e.g. <c>suite: mean share error 0.8 pp (worst scenario), worst channel
    /// 1.7 pp, zero-effect 0.3 %, ROAS error 12 %, SHD 1, holdout WAPE below naive 11/11</c>; "n/a" where the
    /// suite has no zero-effect channel or no channel with a true effect.
    /// </summary>
    public string ClosingLine() =>
        $"suite: mean share error {Pp(WorstMeanShare.MeanShareError)} pp (worst scenario), " +
        $"worst channel {Pp(WorstChannel.Channel.ShareError)} pp, " +
        $"zero-effect {(WorstZeroEffect is { } z ? Pp(Math.Abs(z.Channel.ModelShare)) + " %" : "n/a")}, " +
        $"ROAS error {(WorstRoas is { } r ? Percent0(r.Channel.RoasError!.Value) + " %" : "n/a")}, " +
        $"SHD {WorstShd.Shd}, holdout WAPE below naive {BeatNaive}/{Count}" +
        (IntervalCount > 0 ? $", intervals hold the truth {IntervalsCovering}/{IntervalCount}" : "");

    /// <summary>How often the 90 % share intervals hold the truth (channels with an effect), or null when no fit has intervals.</summary>
    public string? CoverageLine() => IntervalCount == 0 ? null :
        $"intervals: the 90 % share interval holds the true share for {IntervalsCovering}/{IntervalCount} channels with an effect " +
        $"({Percent0((double)IntervalsCovering / IntervalCount)} %), median width {Pp(MedianIntervalWidth ?? 0)} pp" +
        (SelfCheckCount > 0 ? $"; self-check: the intervals held the simulated truth {SelfCheckCovered}/{SelfCheckCount} ({Percent0((double)SelfCheckCovered / SelfCheckCount)} %)" : "");

    /// <summary>Where each worst case comes from, for the line above the closing line.</summary>
    public string WorstCasesLine() =>
        $"worst: mean share error {WorstMeanShare.Scenario}; channel {WorstChannel.Scenario.Scenario}/{WorstChannel.Channel.Channel}" +
        (WorstZeroEffect is { } z ? $"; zero-effect {z.Scenario.Scenario}/{z.Channel.Channel}" : "") +
        (WorstRoas is { } r ? $"; ROAS {r.Scenario.Scenario}/{r.Channel.Channel}" : "") +
        $"; SHD {WorstShd.Scenario}";

    private static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>A fraction in percentage points (or percent) with one decimal, invariant culture.</summary>
    public static string Pp(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>A fraction in percent without decimals, invariant culture.</summary>
    public static string Percent0(double fraction) => (100 * fraction).ToString("F0", CultureInfo.InvariantCulture);
}
