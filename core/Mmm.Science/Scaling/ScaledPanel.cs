namespace Mmm.Science.Scaling;

/// <summary>
/// Model-ready arrays for periods [FirstPeriod, FirstPeriod+PeriodCount) of a panel. Flat, row-major;
/// absent cells hold 0 and are false in <see cref="Present"/>.
/// </summary>
public sealed class ScaledPanel
{
    public required int RegionCount { get; init; }
    public required int FirstPeriod { get; init; }
    public required int PeriodCount { get; init; }
    public required int ChannelCount { get; init; }
    public required int ControlCount { get; init; }
    /// <summary>[R*T*C].</summary>
    public required float[] Media { get; init; }
    /// <summary>[R*T*K].</summary>
    public required float[] Controls { get; init; }
    /// <summary>[R*T].</summary>
    public required float[] Kpi { get; init; }
    /// <summary>[R*T].</summary>
    public required bool[] Present { get; init; }
    /// <summary>The control clip applied: ±5, or ±3.5 when the reference rule fired in this transform.</summary>
    public required float ControlClip { get; init; }
    /// <summary>The reference clip rule's std ratio for this transform; null for robust scaling.</summary>
    public double? ControlStdRatio { get; init; }
}
