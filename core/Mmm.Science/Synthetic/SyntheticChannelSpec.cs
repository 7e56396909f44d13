namespace Mmm.Science.Synthetic;

/// <summary>
/// One media channel of a synthetic panel. KPI-unit parameters (<see cref="Beta"/>) are for a region of size 1;
/// region r uses them times its size factor (see <see cref="SyntheticTruth.RegionSize"/>).
/// </summary>
/// <param name="Name">Column name, must start with <c>media_</c>.</param>
/// <param name="Pattern">Shape of the channel's own activity.</param>
/// <param name="Scale">Mean raw activity (impressions) per week in a size-1 region.</param>
/// <param name="AdstockDecay">Geometric adstock rate a: A[t] = X[t] + a * A[t-1], A[first] = X[first].</param>
/// <param name="HillSlope">Hill slope s on the region's mean-scaled adstock x = A / mean(A).</param>
/// <param name="HillHalfSaturation">Hill half point g: response = x^s / (x^s + g^s).</param>
/// <param name="Beta">KPI units per week at full saturation (Hill = 1) in a size-1 region.</param>
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
    double DrivenShare = 0.0);
