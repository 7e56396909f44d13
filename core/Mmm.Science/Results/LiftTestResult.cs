using Mmm.Science.Data;

namespace Mmm.Science.Results;

/// <summary>
/// One lift test of the run config next to what the fitted model says of the same rows (summary.json <c>liftTests</c>):
/// the model's lift is the channel's contribution summed over the test's rows (decomposition.parquet), and
/// <see cref="ZScore"/> = (model lift − measured lift) / se says how far the fit sits from the experiment.
/// </summary>
/// <param name="Regions">The regions the test covers (every region when the run config named none).</param>
/// <param name="Rows">Panel rows in the test: its regions' rows dated from start to end.</param>
public sealed record LiftTestResult(string Channel, DateOnly Start, DateOnly End, IReadOnlyList<string> Regions, int Rows,
    double Lift, double StandardError, double ModelLift, double ZScore)
{
    public static IReadOnlyList<LiftTestResult> From(Panel panel, IReadOnlyList<DecompositionRow> decomposition)
    {
        if (panel.LiftTests.Count == 0) return [];
        var sums = new MediaContributionSums(panel, decomposition);
        return panel.LiftTests.Select(t =>
        {
            string channel = panel.Channels[t.Channel];
            double model = sums.Over(channel, t.Cells);
            var regions = t.Cells.Select(cell => cell / panel.PeriodCount).Distinct().Order().Select(r => panel.Regions[r]).ToList();
            return new LiftTestResult(channel, t.Test.Start, t.Test.End, regions, t.Cells.Count, t.Test.Lift, t.Test.StandardError,
                model, (model - t.Test.Lift) / t.Test.StandardError);
        }).ToList();
    }
}
