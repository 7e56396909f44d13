namespace Mmm.Lab.Synthetic;

/// <summary>
/// One control of a synthetic panel. Its contribution in region r is
/// <c>Coefficient * size_r * (value - Reference)</c>: the effect of the reference level itself is part of the
/// baseline, so the control's true contribution is centred where the model's (centred) controls are.
/// </summary>
/// <param name="Name">Column name, must start with <c>control_</c>.</param>
/// <param name="Kind">Continuous or 0/1 event.</param>
/// <param name="Coefficient">KPI units per unit of the control in a size-1 region.</param>
/// <param name="Reference">Continuous: the level it wanders around. Events: 0.</param>
/// <param name="Variability">Continuous: relative sd of the wandering. Events: probability of an event week.</param>
public sealed record SyntheticControlSpec(
    string Name,
    ControlKind Kind,
    double Coefficient,
    double Reference,
    double Variability)
{
    /// <summary>AR(1) coefficient of a continuous control's wandering when <see cref="Persistence"/> is not set.</summary>
    public const double DefaultPersistence = 0.85;

    /// <summary>
    /// False: an unobserved driver. It is generated and moves the KPI (a component of the truth) and any channel
    /// whose spend follows it exactly as an observed control does, but it is not a column of the panel.
    /// </summary>
    public bool Observed { get; init; } = true;

    /// <summary>Continuous only: the AR(1) coefficient phi of the wandering, in (0, 1); closer to 1 is slower. Null: 0.85.</summary>
    public double? Persistence { get; init; }
}
