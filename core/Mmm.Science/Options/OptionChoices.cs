using System.Text.Json.Serialization;

namespace Mmm.Science.Options;

// The closed choices of MmmOptions. Each is written and read as the camelCase string of the run config (docs/contract.md),
// exactly as spelled here (OptionChoiceConverter: ordinal, no numbers); a bad value is reported by the validator with the
// key and the allowed values.

/// <summary>The network family (docs/model.md §1).</summary>
[JsonConverter(typeof(OptionChoiceConverter<Architecture>))]
public enum Architecture
{
    [JsonStringEnumMemberName("modulated")] Modulated,
    [JsonStringEnumMemberName("structural")] Structural,
    [JsonStringEnumMemberName("reference")] Reference,
}

/// <summary>How the channel graph is kept acyclic.</summary>
[JsonConverter(typeof(OptionChoiceConverter<DagMode>))]
public enum DagMode
{
    [JsonStringEnumMemberName("triangular")] Triangular,
    [JsonStringEnumMemberName("notears")] Notears,
}

/// <summary>The NOTEARS dual update rule.</summary>
[JsonConverter(typeof(OptionChoiceConverter<DualScheduleKind>))]
public enum DualScheduleKind
{
    [JsonStringEnumMemberName("reference")] Reference,
    [JsonStringEnumMemberName("standard")] Standard,
}

[JsonConverter(typeof(OptionChoiceConverter<MediaScaling>))]
public enum MediaScaling
{
    [JsonStringEnumMemberName("shareOfVoice")] ShareOfVoice,
    [JsonStringEnumMemberName("perChannelMean")] PerChannelMean,
    [JsonStringEnumMemberName("perChannelRegionMean")] PerChannelRegionMean,
}

[JsonConverter(typeof(OptionChoiceConverter<ControlScaling>))]
public enum ControlScaling
{
    [JsonStringEnumMemberName("reference")] Reference,
    [JsonStringEnumMemberName("robust")] Robust,
}

[JsonConverter(typeof(OptionChoiceConverter<SeasonalityMode>))]
public enum SeasonalityMode
{
    [JsonStringEnumMemberName("reference")] Reference,
    [JsonStringEnumMemberName("calendar")] Calendar,
}

[JsonConverter(typeof(OptionChoiceConverter<TrendMode>))]
public enum TrendMode
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("damped")] Damped,
}

[JsonConverter(typeof(OptionChoiceConverter<BurnInMode>))]
public enum BurnInMode
{
    [JsonStringEnumMemberName("pad")] Pad,
    [JsonStringEnumMemberName("warm")] Warm,
}

/// <summary>How the reference network's burn-in blend falls from the stable to the dynamic coefficients.</summary>
[JsonConverter(typeof(OptionChoiceConverter<StabilizationMethod>))]
public enum StabilizationMethod
{
    [JsonStringEnumMemberName("exponential")] Exponential,
    [JsonStringEnumMemberName("linear")] Linear,
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
}

// The choices under their older names, so call sites written against the string constants read the same.
public static class Architectures { public const Architecture Modulated = Architecture.Modulated, Structural = Architecture.Structural, Reference = Architecture.Reference; }
public static class DagModes { public const DagMode Triangular = DagMode.Triangular, Notears = DagMode.Notears; }
public static class DualSchedules { public const DualScheduleKind Reference = DualScheduleKind.Reference, Standard = DualScheduleKind.Standard; }
public static class MediaScalings { public const MediaScaling ShareOfVoice = MediaScaling.ShareOfVoice, PerChannelMean = MediaScaling.PerChannelMean, PerChannelRegionMean = MediaScaling.PerChannelRegionMean; }
public static class ControlScalings { public const ControlScaling Reference = ControlScaling.Reference, Robust = ControlScaling.Robust; }
public static class SeasonalityModes { public const SeasonalityMode Reference = SeasonalityMode.Reference, Calendar = SeasonalityMode.Calendar; }
public static class TrendModes { public const TrendMode None = TrendMode.None, Damped = TrendMode.Damped; }
public static class BurnInModes { public const BurnInMode Pad = BurnInMode.Pad, Warm = BurnInMode.Warm; }
