namespace Mmm.Science.Training;

/// <summary>
/// What the structural pre-fit's restarts found (<c>structuralRestarts</c>): each restart's profile score (lower is better)
/// and each channel's mean contribution per fitted cell (scaled KPI: share of the region's mean KPI), and which was kept.
/// Kept in the checkpoint for the restart-agreement health check.
/// </summary>
public sealed record PrefitRestarts(int Kept, double[] Scores, double[][] MeanContributions);
