namespace Mmm.Science.Data;

/// <summary>
/// One incrementality experiment of the run config (<c>liftTests</c>): a geo or go-dark test that measured how much
/// KPI a channel's media caused in some regions over some weeks. The fit is calibrated to it: the model's contribution
/// of <see cref="Channel"/> summed over those rows is held to <see cref="Lift"/> with the test's standard error.
/// </summary>
/// <param name="Channel">A media channel of the file.</param>
/// <param name="Start">First date of the test window (inclusive).</param>
/// <param name="End">Last date of the test window (inclusive).</param>
/// <param name="Regions">The regions the test measured; null for every region.</param>
/// <param name="Lift">The measured incremental KPI over those rows, in KPI units (for the whole window and regions, not per week).</param>
/// <param name="StandardError">The measurement's standard error, in KPI units; &gt; 0.</param>
public sealed record LiftTest(string Channel, DateOnly Start, DateOnly End, IReadOnlyList<string>? Regions, double Lift, double StandardError);

/// <summary>A lift test resolved against a panel: the channel's index and the panel cells (region * periods + period) it covers.</summary>
public sealed record PanelLiftTest(LiftTest Test, int Channel, IReadOnlyList<int> Cells);
