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
