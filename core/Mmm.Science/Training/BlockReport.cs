using Mmm.Science.Results;

namespace Mmm.Science.Training;

/// <summary>What one block of epochs reports back: small numbers only (it travels through orchestration history).</summary>
public sealed record BlockReport(
    int OuterIteration,
    int EpochsRun,
    int EpochsTotal,
    double H,
    double Loss,
    double FitLoss,
    double DagLoss,
    double TrainR2,
    double? HoldoutR2,
    bool StoppedEarly,
    double Seconds,
    IReadOnlyList<HistoryRow> History);

/// <summary>Progress of one epoch, for console progress lines and orchestration status.</summary>
public sealed record EpochProgress(int OuterIteration, int Epoch, int EpochInBlock, int BlockEpochs, double Loss, double H, double Rho, double Alpha);
