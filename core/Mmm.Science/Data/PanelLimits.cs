namespace Mmm.Science.Data;

/// <summary>Size limits on an input panel; exceeding one is rejected with code too_large.</summary>
public sealed record PanelLimits
{
    public long MaxRows { get; init; } = 5_000_000;
    public int MaxColumns { get; init; } = 1_000;
    public long MaxBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    public static PanelLimits Default { get; } = new();
}
