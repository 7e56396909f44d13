namespace Mmm.Science.Results;

/// <summary>One row of fit.parquet: one per input row.</summary>
/// <param name="Split">One of <see cref="SplitLabels"/>.</param>
public sealed record FitRow(string Region, DateOnly Date, double Actual, double Predicted, string Split);

/// <summary>The per-period split labels used in fit.parquet and by <see cref="MetricsCalculator"/>.</summary>
public static class SplitLabels
{
    public const string BurnIn = "burn_in", Train = "train", Holdout = "holdout";
}
