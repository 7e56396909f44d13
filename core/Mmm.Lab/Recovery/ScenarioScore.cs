using Mmm.Science.Results;
namespace Mmm.Lab.Recovery;

/// <summary>
/// One channel of one fit against the truth, over every present row. Shares are fractions of the summed
/// actual KPI of those rows (the same denominator for the model and the truth), ROAS is contribution per
/// unit of spend (<see cref="RecoveryRoas"/>).
/// </summary>
public sealed record ChannelScore(
    string Channel,
    double TrueContribution,
    double ModelContribution,
    double Spend,
    double TrueShare,
    double ModelShare,
    double? TrueRoas,
    double? ModelRoas,
    bool ZeroEffect,
    double? ModelShareLow = null,
    double? ModelShareHigh = null,
    ResponseCurve? TrueShape = null,
    ResponseCurve? ModelShape = null)
{
    /// <summary>Whether the model's 90 % share interval holds the true share; null without an interval.</summary>
    public bool? Covered => ModelShareLow is double low && ModelShareHigh is double high ? low <= TrueShare && TrueShare <= high : null;

    /// <summary>|model share - true share|, as a fraction of the KPI (0.01 = 1 pp).</summary>
    public double ShareError => Math.Abs(ModelShare - TrueShare);
    /// <summary>|model ROAS / true ROAS - 1|; null for a channel with zero true effect.</summary>
    public double? RoasError => RecoveryRoas.RelativeError(ModelRoas, TrueRoas);
}

/// <summary>A lift test the fit was calibrated to, next to the true lift over the same rows (what the test measured with error).</summary>
public sealed record LiftTestScore(LiftTestResult Test, double TrueLift);

/// <summary>How well one fit recovered its scenario's truth.</summary>
/// <param name="Seed">The model seed of the fit.</param>
/// <param name="HoldoutWape">The model's holdout WAPE (null without a holdout).</param>
/// <param name="BestNaive">Name of the naive forecast with the lowest holdout WAPE, and that WAPE.</param>
/// <param name="Planner">The planner's default recommendation from the fit, valued under the true generating process (synthetic
/// scenarios scored with a plan); null otherwise, with <paramref name="PlannerNotScored"/> saying why where a plan was asked for.</param>
/// <param name="CpuSeconds">Processor time of the process during the fit (all threads), when measured: less
/// distorted than wall time on a machine shared with other work.</param>
public sealed record ScenarioScore(
    string Scenario,
    int Seed,
    IReadOnlyList<ChannelScore> Channels,
    double TrueMediaShare,
    double ModelMediaShare,
    IReadOnlyList<PlantedEdge> PlantedEdges,
    IReadOnlyList<PlantedEdge> SelectedEdges,
    GraphDifference Graph,
    double? HoldoutWape,
    string? BestNaive,
    double? BestNaiveWape,
    double WallSeconds,
    int EpochsTrained,
    double? CpuSeconds = null,
    IReadOnlyList<LiftTestScore>? LiftTests = null,
    SelfCheckResult? SelfCheck = null,
    Decisions.PlannerTruthScore? Planner = null,
    string? PlannerNotScored = null)
{
    /// <summary>Share of the true optimum's gain over the current plan that the planner's recommendation captured, under the truth.</summary>
    public double? CapturedGainShare => Planner?.CapturedGainShare;
    /// <summary>True KPI the planner's recommendation adds over the current plan.</summary>
    public double? PlanTrueGain => Planner?.TrueGainOfPlan;
    /// <summary>True KPI the true optimum adds over the current plan.</summary>
    public double? TrueOptimumGain => Planner?.TrueOptimumGain;

    /// <summary>The median width of the 90 % share intervals of the channels with an effect (a fraction of the KPI); null without intervals.</summary>
    public double? MedianIntervalWidth =>
        Channels.Where(c => !c.ZeroEffect && c.ModelShareLow is not null && c.ModelShareHigh is not null)
            .Select(c => c.ModelShareHigh!.Value - c.ModelShareLow!.Value).Order().ToArray() is { Length: > 0 } w
            ? (w[(w.Length - 1) / 2] + w[w.Length / 2]) / 2 : null;

    public double MeanShareError => Channels.Average(c => c.ShareError);
    public ChannelScore WorstShareChannel => Channels.MaxBy(c => c.ShareError)!;
    public double WorstShareError => WorstShareChannel.ShareError;
    public double MediaShareError => Math.Abs(ModelMediaShare - TrueMediaShare);

    /// <summary>The zero-effect channel whose model share is furthest from 0 (null when the scenario has none).</summary>
    public ChannelScore? WorstZeroEffectChannel => Channels.Where(c => c.ZeroEffect).MaxBy(c => Math.Abs(c.ModelShare));
    /// <summary>|model share| of <see cref="WorstZeroEffectChannel"/>.</summary>
    public double? ZeroEffectShare => WorstZeroEffectChannel is { } c ? Math.Abs(c.ModelShare) : null;

    public double? MeanRoasError =>
        Channels.Select(c => c.RoasError).OfType<double>().ToArray() is { Length: > 0 } errors ? errors.Average() : null;
    public ChannelScore? WorstRoasChannel => Channels.Where(c => c.RoasError is not null).MaxBy(c => c.RoasError);
    public double? WorstRoasError => WorstRoasChannel?.RoasError;

    /// <summary>Channels with a true effect whose 90 % share interval holds the truth, of those with an interval.</summary>
    public (int Covered, int Count) IntervalCoverage =>
        (Channels.Count(c => !c.ZeroEffect && c.Covered == true), Channels.Count(c => !c.ZeroEffect && c.Covered is not null));

    public int Shd => Graph.Shd;
    /// <summary>True when the model's holdout WAPE is below the best naive forecast's.</summary>
    public bool BeatsNaive => HoldoutWape is double model && (BestNaiveWape is not double naive || model < naive);
}
