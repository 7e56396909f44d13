namespace Mmm.Lab.Synthetic;

/// <summary>Rejects specs that cannot produce a valid panel, naming the offending setting.</summary>
internal static class SyntheticPanelSpecValidation
{
    /// <summary>The seasonal shape reaches +-1.35 (first harmonic plus 0.35 of the second), so k * 1.35 stays below 1.</summary>
    public const double MaxSeasonalSpendStrength = 0.7;
    public const double MaxTargetShareSum = 0.9;

    public static void Validate(SyntheticPanelSpec spec)
    {
        Require(spec.Regions >= 1, $"Regions must be >= 1 (got {spec.Regions}).");
        Require(spec.Weeks >= 8, $"Weeks must be >= 8 (got {spec.Weeks}).");
        Require(spec.StepDays >= 1, $"StepDays must be >= 1 (got {spec.StepDays}).");
        Require(spec.RaggedRegions >= 0 && spec.RaggedRegions <= spec.Regions,
            $"RaggedRegions must be in [0, Regions] (got {spec.RaggedRegions}).");
        Require(spec.Channels.Count >= 1, "At least one channel is needed.");
        Require(spec.BaseLevel > 0, $"BaseLevel must be > 0 (got {spec.BaseLevel}).");
        Require(spec.MaxRegionSizeRatio >= 1, $"MaxRegionSizeRatio must be >= 1 (got {spec.MaxRegionSizeRatio}).");
        Require(spec.NoiseSdFraction >= 0, $"NoiseSdFraction must be >= 0 (got {spec.NoiseSdFraction}).");
        Require(spec.SeasonalAmplitudeMin <= spec.SeasonalAmplitudeMax, "SeasonalAmplitudeMin must be <= SeasonalAmplitudeMax.");
        Require(spec.TrendPerYearMin <= spec.TrendPerYearMax, "TrendPerYearMin must be <= TrendPerYearMax.");

        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            spec.KpiName, SyntheticTruth.Baseline, SyntheticTruth.Trend, SyntheticTruth.Seasonality, SyntheticTruth.Noise,
        };
        for (int c = 0; c < spec.Channels.Count; c++)
        {
            var ch = spec.Channels[c];
            Require(ch.Name.StartsWith("media_", StringComparison.Ordinal), $"Channel '{ch.Name}' must start with 'media_'.");
            Require(names.Add(ch.Name), $"Column name '{ch.Name}' is used twice.");
            Require(ch.Scale > 0, $"Channel '{ch.Name}': Scale must be > 0.");
            Require(ch.AdstockDecay >= 0 && ch.AdstockDecay < 1, $"Channel '{ch.Name}': AdstockDecay must be in [0, 1).");
            if (ch.Saturation == SaturationFamily.Logistic)
                Require(ch.LogisticLambda > 0 && double.IsFinite(ch.LogisticLambda), $"Channel '{ch.Name}': LogisticLambda must be > 0 (got {ch.LogisticLambda}).");
            else
            {
                Require(ch.Saturation == SaturationFamily.Hill, $"Channel '{ch.Name}': unknown saturation family {ch.Saturation}.");
                Require(ch.HillSlope > 0 && ch.HillHalfSaturation > 0, $"Channel '{ch.Name}': Hill slope and half point must be > 0.");
                Require(ch.LogisticLambda == 0, $"Channel '{ch.Name}': LogisticLambda needs Saturation = Logistic.");
            }
            if (ch.HoldoutSpendFactor is double factor)
                Require(factor > 0 && double.IsFinite(factor), $"Channel '{ch.Name}': HoldoutSpendFactor must be > 0 (got {factor}).");
            Require(ch.Beta >= 0, $"Channel '{ch.Name}': Beta must be >= 0 (media never lowers the KPI here).");
            if (ch.DrivenBy is not null)
            {
                bool parentEarlier = spec.Channels.Take(c).Any(p => p.Name == ch.DrivenBy);
                Require(parentEarlier, $"Channel '{ch.Name}': parent '{ch.DrivenBy}' must be an earlier channel.");
                Require(ch.DrivenShare > 0 && ch.DrivenShare < 1, $"Channel '{ch.Name}': DrivenShare must be in (0, 1).");
            }
            if (ch.TargetShare is double share)
                Require(share >= 0 && share < 1, $"Channel '{ch.Name}': TargetShare must be in [0, 1) (got {share}).");
            if (ch.SeasonalSpendStrength is double k)
                Require(k > 0 && k <= MaxSeasonalSpendStrength,
                    $"Channel '{ch.Name}': SeasonalSpendStrength must be in (0, {MaxSeasonalSpendStrength}] so spend stays positive (got {k}).");
            if (ch.SpendFollowsControl is not null)
            {
                Require(spec.Controls.Any(k => k.Name == ch.SpendFollowsControl),
                    $"Channel '{ch.Name}': SpendFollowsControl '{ch.SpendFollowsControl}' is not a control of the spec.");
                Require(ch.ControlElasticity > 0 && ch.ControlElasticity <= 3,
                    $"Channel '{ch.Name}': ControlElasticity must be in (0, 3] (got {ch.ControlElasticity}).");
            }
            else
                Require(ch.ControlElasticity == 0, $"Channel '{ch.Name}': ControlElasticity needs SpendFollowsControl.");
        }
        double targetShareSum = spec.Channels.Sum(ch => ch.TargetShare ?? 0.0);
        Require(targetShareSum <= MaxTargetShareSum,
            $"Target shares sum to {targetShareSum}; at most {MaxTargetShareSum} leaves room for the baseline.");
        foreach (var ctl in spec.Controls)
        {
            Require(ctl.Name.StartsWith("control_", StringComparison.Ordinal), $"Control '{ctl.Name}' must start with 'control_'.");
            Require(names.Add(ctl.Name), $"Column name '{ctl.Name}' is used twice.");
            if (ctl.Kind == ControlKind.EventDummy)
                Require(ctl.Variability > 0 && ctl.Variability < 1, $"Control '{ctl.Name}': event rate must be in (0, 1).");
            else
                Require(ctl.Variability > 0, $"Control '{ctl.Name}': Variability must be > 0.");
            if (ctl.Persistence is double phi)
                Require(ctl.Kind == ControlKind.Continuous && phi > 0 && phi < 1,
                    $"Control '{ctl.Name}': Persistence is for continuous controls and must be in (0, 1) (got {phi}).");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message, "spec");
    }
}
