using System.Text.Json.Serialization;

namespace Mmm.Lab.Synthetic;

/// <summary>
/// One media channel of a synthetic panel. KPI-unit parameters (<see cref="Beta"/>) are for a region of size 1;
/// region r uses them times its size factor (see <see cref="SyntheticTruth.RegionSize"/>), unless
/// <see cref="TargetShare"/> is set, in which case the beta of every region is calibrated to that share.
/// The media column's values are spend, so a channel's true ROAS is its contribution over its column's sum.
/// </summary>
/// <param name="Name">Column name, must start with <c>media_</c>.</param>
/// <param name="Pattern">Shape of the channel's own activity.</param>
/// <param name="Scale">Mean raw activity (spend) per week in a size-1 region.</param>
/// <param name="AdstockDecay">Geometric adstock rate a: A[t] = X[t] + a * A[t-1], A[first] = X[first].</param>
/// <param name="HillSlope">Hill slope s on the region's mean-scaled adstock x = A / mean(A) (Hill channels only, see <see cref="Saturation"/>).</param>
/// <param name="HillHalfSaturation">Hill half point g: response = x^s / (x^s + g^s), in units of the region's mean adstock.</param>
/// <param name="Beta">KPI units per week at full saturation (response = 1) in a size-1 region. 0 = no effect at all.</param>
/// <param name="DrivenBy">Parent channel (planted DAG edge parent -> this), or null. Must come earlier in the list.</param>
/// <param name="DrivenShare">
/// Share gamma of this channel's mean activity driven by the parent:
/// X = Scale * size * ((1 - gamma) * own + gamma * A_parent / mean(A_parent)), with own of mean ~1.
/// </param>
public sealed record SyntheticChannelSpec(
    string Name,
    MediaPattern Pattern,
    double Scale,
    double AdstockDecay,
    double HillSlope,
    double HillHalfSaturation,
    double Beta,
    string? DrivenBy = null,
    double DrivenShare = 0.0)
{
    /// <summary>Strength k of <see cref="MediaPattern.Seasonal"/> when <see cref="SeasonalSpendStrength"/> is not set.</summary>
    public const double DefaultSeasonalSpendStrength = 0.5;

    /// <summary>
    /// The channel's intended true share of the KPI (0.02 = 2 %). When set, <see cref="Beta"/> is ignored: each
    /// region's beta is solved so the channel's contribution is this share of the region's noise-free KPI
    /// (see <see cref="TargetShareCalibration"/>). 0 gives a channel with exactly zero effect.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TargetShare { get; init; }

    /// <summary>
    /// <see cref="MediaPattern.Seasonal"/> only: k in own = level * (1 + k * season) * noise, where season is the
    /// region's own unit-amplitude seasonal shape (the one the KPI's seasonality follows). Null: 0.5.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SeasonalSpendStrength { get; init; }

    /// <summary>
    /// A control (by name) whose movements drive this channel's spend: own activity is multiplied by
    /// exp(<see cref="ControlElasticity"/> * z), z the control standardised over the region's span, and mean-scaled
    /// again. A control that raises the KPI and this channel's spend confounds the channel.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SpendFollowsControl { get; init; }

    /// <summary>Change in log spend per standard deviation of <see cref="SpendFollowsControl"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double ControlElasticity { get; init; }

    /// <summary>The saturation curve: Hill (the default, <see cref="HillSlope"/> and <see cref="HillHalfSaturation"/>) or Logistic (<see cref="LogisticLambda"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public SaturationFamily Saturation { get; init; }

    /// <summary><see cref="SaturationFamily.Logistic"/> only: lambda &gt; 0; response = (1 - exp(-lambda x)) / (1 + exp(-lambda x)).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double LogisticLambda { get; init; }

    /// <summary>
    /// Spend multiplied by this factor from the first holdout week of the default split on (the last floor(0.12 T)
    /// weeks, <see cref="SyntheticPanelGenerator.HoldoutStart"/>): above 1, spend beyond the range the model was
    /// trained on. Applied before adstock; the response follows the same true curve (scaled by the spend as
    /// planned), so the truth stays exact. Null: 1.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HoldoutSpendFactor { get; init; }

    internal double SeasonalStrength => SeasonalSpendStrength ?? DefaultSeasonalSpendStrength;
    internal double HoldoutFactor => HoldoutSpendFactor ?? 1.0;
}
