using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mmm.Lab.Recovery;

/// <summary>
/// Writes the suite's per-scenario, per-channel results for tables: CSV (one row per scenario, seed and channel,
/// scenario figures repeated on each row) or JSON (one object per scenario and seed, its channels and lift tests nested, and the
/// closing line). Shares, share errors and WAPE are in percent / percentage points; ROAS in KPI units per spend unit.
/// </summary>
public static class RecoveryReportFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <param name="seedSpread">Scenario -> largest share movement between seeds (fraction), when several seeds ran.</param>
    public static async Task WriteAsync(string path, IReadOnlyList<ScenarioScore> scores,
        IReadOnlyDictionary<string, double>? seedSpread = null, CancellationToken ct = default)
    {
        string text = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => Csv(scores, seedSpread),
            ".json" => JsonText(scores, seedSpread),
            _ => throw new ArgumentException($"--out must end in .csv or .json (got '{path}')", nameof(path)),
        };
        await File.WriteAllTextAsync(path, text, ct);
    }

    public static string Csv(IReadOnlyList<ScenarioScore> scores, IReadOnlyDictionary<string, double>? seedSpread = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine("scenario,seed,channel,zero_effect,true_share_pct,model_share_pct,model_share_low_pct,model_share_high_pct,share_error_pp,true_roas,model_roas,roas_error_pct," +
                      "scenario_mean_share_error_pp,scenario_worst_share_error_pp,true_media_share_pct,model_media_share_pct,media_share_error_pp," +
                      "shd,holdout_wape_pct,best_naive,best_naive_wape_pct,beats_naive,seed_spread_pp,wall_s,cpu_s,epochs," +
                      "true_adstock_decay,model_adstock_decay,true_hill_slope,model_hill_slope,true_hill_half,model_hill_half,true_elasticity,model_elasticity," +
                      "captured_gain_pct,plan_true_gain,true_optimum_gain");
        foreach (var s in scores)
            foreach (var c in s.Channels)
                sb.AppendLine(string.Join(',',
                    s.Scenario, s.Seed.ToString(CultureInfo.InvariantCulture), c.Channel, c.ZeroEffect ? "true" : "false",
                    Num(100 * c.TrueShare), Num(100 * c.ModelShare), Num(100 * c.ModelShareLow), Num(100 * c.ModelShareHigh), Num(100 * c.ShareError),
                    Num(c.TrueRoas), Num(c.ModelRoas), Num(100 * c.RoasError),
                    Num(100 * s.MeanShareError), Num(100 * s.WorstShareError),
                    Num(100 * s.TrueMediaShare), Num(100 * s.ModelMediaShare), Num(100 * s.MediaShareError),
                    s.Shd.ToString(CultureInfo.InvariantCulture), Num(100 * s.HoldoutWape), s.BestNaive ?? "", Num(100 * s.BestNaiveWape),
                    s.BeatsNaive ? "true" : "false", Num(100 * Spread(seedSpread, s)), Num(s.WallSeconds), Num(s.CpuSeconds),
                    s.EpochsTrained.ToString(CultureInfo.InvariantCulture),
                    Num(c.TrueShape?.AdstockDecay), Num(c.ModelShape?.AdstockDecay), Num(c.TrueShape?.HillSlope), Num(c.ModelShape?.HillSlope),
                    Num(c.TrueShape?.HillHalfSaturation), Num(c.ModelShape?.HillHalfSaturation),
                    Num(c.TrueShape?.ElasticityAtMean), Num(c.ModelShape?.ElasticityAtMean),
                    Num(100 * s.CapturedGainShare), Num(s.PlanTrueGain), Num(s.TrueOptimumGain)));
        return sb.ToString();
    }

    public static string JsonText(IReadOnlyList<ScenarioScore> scores, IReadOnlyDictionary<string, double>? seedSpread = null)
    {
        var summary = scores.Count > 0 ? SuiteSummary.From(scores) : null;
        var document = new
        {
            closingLine = summary?.ClosingLine(),
            coverageLine = summary?.CoverageLine(),
            shapeLine = summary?.Elasticity?.Line(),
            plannerLine = SuiteSummary.PlannerLine(scores),
            scenarios = scores.Select(s => new
            {
                scenario = s.Scenario,
                seed = s.Seed,
                meanShareErrorPp = 100 * s.MeanShareError,
                worstShareErrorPp = 100 * s.WorstShareError,
                zeroEffectSharePct = 100 * s.ZeroEffectShare,
                meanRoasErrorPct = 100 * s.MeanRoasError,
                worstRoasErrorPct = 100 * s.WorstRoasError,
                trueMediaSharePct = 100 * s.TrueMediaShare,
                modelMediaSharePct = 100 * s.ModelMediaShare,
                mediaShareErrorPp = 100 * s.MediaShareError,
                shd = s.Shd,
                plantedEdges = s.PlantedEdges.Select(e => $"{e.Source} -> {e.Target}"),
                selectedEdges = s.SelectedEdges.Select(e => $"{e.Source} -> {e.Target}"),
                holdoutWapePct = 100 * s.HoldoutWape,
                bestNaive = s.BestNaive,
                bestNaiveWapePct = 100 * s.BestNaiveWape,
                beatsNaive = s.BeatsNaive,
                seedSpreadPp = 100 * Spread(seedSpread, s),
                wallSeconds = s.WallSeconds,
                cpuSeconds = s.CpuSeconds,
                epochs = s.EpochsTrained,
                channels = s.Channels.Select(c => new
                {
                    channel = c.Channel,
                    zeroEffect = c.ZeroEffect,
                    trueSharePct = 100 * c.TrueShare,
                    modelSharePct = 100 * c.ModelShare,
                    modelShareLowPct = 100 * c.ModelShareLow,
                    modelShareHighPct = 100 * c.ModelShareHigh,
                    covered = c.Covered,
                    shareErrorPp = 100 * c.ShareError,
                    trueContribution = c.TrueContribution,
                    modelContribution = c.ModelContribution,
                    spend = c.Spend,
                    trueRoas = c.TrueRoas,
                    modelRoas = c.ModelRoas,
                    roasErrorPct = 100 * c.RoasError,
                    trueShape = c.TrueShape,
                    modelShape = c.ModelShape,
                }),
                intervalsCovering = s.IntervalCoverage.Covered,
                intervalsCounted = s.IntervalCoverage.Count,
                medianIntervalWidthPp = 100 * s.MedianIntervalWidth,
                selfCheck = s.SelfCheck,
                capturedGainPct = 100 * s.CapturedGainShare,
                planTrueGain = s.PlanTrueGain,
                trueOptimumGain = s.TrueOptimumGain,
                planner = s.Planner,
                plannerNotScored = s.PlannerNotScored,
                liftTests = (s.LiftTests ?? []).Select(t => new
                {
                    channel = t.Test.Channel, start = t.Test.Start, end = t.Test.End, regions = t.Test.Regions, rows = t.Test.Rows,
                    trueLift = t.TrueLift, measuredLift = t.Test.Lift, standardError = t.Test.StandardError, modelLift = t.Test.ModelLift, zScore = t.Test.ZScore,
                }),
            }),
        };
        return JsonSerializer.Serialize(document, Json);
    }

    private static double? Spread(IReadOnlyDictionary<string, double>? seedSpread, ScenarioScore s) =>
        seedSpread is not null && seedSpread.TryGetValue(s.Scenario, out var v) ? v : null;

    private static string Num(double? value) => value is double v ? v.ToString("G6", CultureInfo.InvariantCulture) : "";
}
