namespace Mmm.Science.Results;

/// <summary>One row of decomposition.parquet: a component's contribution to the prediction, in KPI units.</summary>
/// <param name="ComponentType">One of <see cref="ComponentTypes"/>.</param>
/// <param name="Component">The channel or control name; for the other types the type itself.</param>
public sealed record DecompositionRow(string Region, DateOnly Date, string ComponentType, string Component, double Contribution);

/// <summary>Values of <see cref="DecompositionRow.ComponentType"/>.</summary>
public static class ComponentTypes
{
    public const string Baseline = "baseline", Trend = "trend", Seasonality = "seasonality", Media = "media", Control = "control";
}
