using Mmm.Science.Options;

namespace Mmm.Science.Data;

/// <summary>Settings that parse but would break training or name a mode that does not exist.</summary>
internal static class MmmOptionsValidator
{
    /// <summary>The run-config keys whose value is one of a closed set of strings (<see cref="OptionChoice"/>), with their allowed values.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ChoiceKeys { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["architecture"] = OptionChoice.Names<Architecture>(),
        ["dagMode"] = OptionChoice.Names<DagMode>(),
        ["dualSchedule"] = OptionChoice.Names<DualScheduleKind>(),
        ["mediaScaling"] = OptionChoice.Names<MediaScaling>(),
        ["controlScaling"] = OptionChoice.Names<ControlScaling>(),
        ["seasonality"] = OptionChoice.Names<SeasonalityMode>(),
        ["trend"] = OptionChoice.Names<TrendMode>(),
        ["burnIn"] = OptionChoice.Names<BurnInMode>(),
        ["stabilizationMethod"] = OptionChoice.Names<StabilizationMethod>(),
    };

    /// <summary>The first invalid setting as (camelCase key, "must be ..." phrase), or null when all are valid.</summary>
    /// <param name="unknownChoices">Choice keys (<see cref="ChoiceKeys"/>) whose run-config string named no choice, with that string;
    /// <paramref name="o"/> holds a stand-in there. Reported in the same order as every other check.</param>
    public static (string Key, string Problem)? FirstProblem(MmmOptions o, IReadOnlyDictionary<string, string>? unknownChoices = null)
    {
        foreach (var (key, ok, problem) in Checks(o, unknownChoices ?? new Dictionary<string, string>()))
            if (!ok) return (key, problem);
        return null;
    }

    private static IEnumerable<(string Key, bool Ok, string Problem)> Checks(MmmOptions o, IReadOnlyDictionary<string, string> unknown)
    {
        yield return OneOf("device", o.Device, "cpu", "cuda", "auto");
        yield return Choice("architecture", o.Architecture, unknown);
        yield return ("architecture", !o.ReferenceCompat || o.Architecture == Architecture.Reference, "must be reference when referenceCompat is true");
        yield return Choice("dagMode", o.DagMode, unknown);
        yield return Choice("dualSchedule", o.DualSchedule, unknown);
        yield return Choice("mediaScaling", o.MediaScaling, unknown);
        yield return Choice("controlScaling", o.ControlScaling, unknown);
        yield return Choice("seasonality", o.Seasonality, unknown);
        // The reference seasonality is one decomposed series per region; the pooled Fourier season of the new architectures needs the calendar terms.
        yield return ("seasonality", o.Architecture == Architecture.Reference || o.Seasonality == SeasonalityMode.Calendar,
            $"must be calendar with architecture {OptionChoice.Name(o.Architecture)}");
        yield return Choice("trend", o.Trend, unknown);
        yield return Choice("burnIn", o.BurnIn, unknown);
        yield return Choice("stabilizationMethod", o.StabilizationMethod, unknown);

        yield return ("epochs", o.Epochs >= 0, "must be >= 0");
        yield return ("hidden", o.Hidden >= 2, "must be >= 2");
        yield return ("holdoutRatio", o.HoldoutRatio is >= 0 and < 1, "must be >= 0 and < 1");
        yield return ("burnInWeeks", o.BurnInWeeks >= 0, "must be >= 0");
        yield return ("minTrainWeeks", o.MinTrainWeeks >= 0, "must be >= 0");
        yield return ("dropout", o.Dropout is >= 0 and < 1, "must be >= 0 and < 1");
        yield return ("learningRate", o.LearningRate > 0 && double.IsFinite(o.LearningRate), "must be a finite number > 0");
        yield return ("warmStartEpochs", o.WarmStartEpochs >= 0, "must be >= 0");
        yield return ("warmStartLearningRate", o.WarmStartLearningRate > 0 && double.IsFinite(o.WarmStartLearningRate), "must be a finite number > 0");
        yield return ("notearsWarmupEpochs", o.NotearsWarmupEpochs >= 0, "must be >= 0");
        yield return ("notearsDualUpdateEvery", o.NotearsDualUpdateEvery >= 1, "must be >= 1");
        yield return ("evalEvery", o.EvalEvery >= 1, "must be >= 1");
        yield return ("patience", o.Patience >= 0, "must be >= 0");
        yield return ("logEvery", o.LogEvery >= 1, "must be >= 1");
        yield return ("adstockMax", o.AdstockMax is > 0 and < 1, "must be > 0 and < 1");
        yield return ("hillSlopeMin", o.HillSlopeMin > 0 && o.HillSlopeMin < o.HillSlopeMax, "must be > 0 and below hillSlopeMax");
        yield return ("hillSlopePrior", o.HillSlopePrior > 0, "must be > 0");
        yield return ("adstockPrior", o.AdstockPrior > 0 && o.AdstockPrior < o.AdstockMax, "must be > 0 and below adstockMax");
        yield return ("adstockPriorSd", o.AdstockPriorSd >= 0, "must be >= 0");
        yield return ("hillHalfPrior", o.HillHalfPrior > 0, "must be > 0");
        yield return ("hillSlopePriorSd", o.HillSlopePriorSd >= 0, "must be >= 0");
        yield return ("hillHalfPriorSd", o.HillHalfPriorSd >= 0, "must be >= 0");
        yield return ("shapePooling", o.ShapePooling is >= 0 and < 1, "must be >= 0 and < 1");
        yield return ("modulationBound", o.ModulationBound is >= 0 and < 1, "must be >= 0 and < 1");
        yield return ("modulationPriorSd", o.ModulationPriorSd > 0, "must be > 0");
        yield return ("regionPoolingSd", o.RegionPoolingSd > 0, "must be > 0");
        yield return ("controlPoolingSd", o.ControlPoolingSd > 0, "must be > 0");
        yield return ("seasonalPoolingSd", o.SeasonalPoolingSd > 0, "must be > 0");
        yield return ("trendPoolingSd", o.TrendPoolingSd > 0, "must be > 0");
        yield return ("effectShrinkage", o.EffectShrinkage >= 0, "must be >= 0");
        yield return ("effectShrinkageScale", o.EffectShrinkageScale > 0, "must be > 0");
        yield return ("structuralEpochs", o.StructuralEpochs >= 0, "must be >= 0");
        yield return ("structuralLearningRate", o.StructuralLearningRate > 0 && double.IsFinite(o.StructuralLearningRate), "must be a finite number > 0");
        yield return ("structuralRestarts", o.StructuralRestarts >= 1, "must be >= 1");
        yield return ("structuralShrinkageFrom", o.StructuralShrinkageFrom is >= 0 and <= 1, "must be in [0, 1]");
        yield return ("ensembleMembers", o.EnsembleMembers is 0 or (>= 2 and <= 1_000), "must be 0 (no intervals) or 2-1000");
        yield return ("liftConfoundingSd", o.LiftConfoundingSd >= 0 && double.IsFinite(o.LiftConfoundingSd), "must be a finite number >= 0 (0 = no confounding term)");
        yield return ("selfCheck", o.SelfCheck is >= 0 and <= 100, "must be 0 (no self-check) to 100");
        yield return ("ensembleEpochs", o.EnsembleEpochs is >= 1 and <= 100_000, "must be 1-100000");
        yield return ("ensembleLearningRate", o.EnsembleLearningRate > 0 && double.IsFinite(o.EnsembleLearningRate), "must be a finite number > 0");
        yield return ("baselineKnotWeeks", o.BaselineKnotWeeks >= 1, "must be >= 1");
        yield return ("baselineDriftSd", o.BaselineDriftSd >= 0 && double.IsFinite(o.BaselineDriftSd), "must be a finite number >= 0 (0 = a rigid baseline)");
        yield return ("regionDriftSd", o.RegionDriftSd > 0 && double.IsFinite(o.RegionDriftSd), "must be a finite number > 0");
    }

    private static (string, bool, string) OneOf(string key, string? value, params IReadOnlyList<string> allowed) =>
        (key, value is not null && allowed.Contains(value, StringComparer.Ordinal),
         $"must be one of {string.Join(", ", allowed)} (got '{value}')");

    private static (string, bool, string) Choice<T>(string key, T value, IReadOnlyDictionary<string, string> unknown) where T : struct, Enum =>
        unknown.TryGetValue(key, out var given) ? OneOf(key, given, OptionChoice.Names<T>())
        : Enum.IsDefined(value) ? (key, true, "")
        : OneOf(key, value.ToString(), OptionChoice.Names<T>());
}
