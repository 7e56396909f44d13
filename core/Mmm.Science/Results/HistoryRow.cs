namespace Mmm.Science.Results;

/// <summary>One row of training_history.parquet: one logged epoch.</summary>
/// <param name="HoldoutR2">Null when the run has no holdout.</param>
public sealed record HistoryRow(
    int OuterIteration,
    int Epoch,
    double Loss,
    double FitLoss,
    double DagLoss,
    double H,
    double Rho,
    double Alpha,
    double TrainR2,
    double? HoldoutR2,
    long ElapsedMs);
