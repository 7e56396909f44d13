using Mmm.Science.Data;

namespace Mmm.Science.Results;

/// <summary>
/// One ROI prior of the run config next to what the fitted model says (summary.json <c>roiPriors</c>): the model's value is
/// the channel's contribution over the prior's rows (decomposition.parquet) over the spend there (ROAS) or the KPI there
/// (share), and <see cref="ZScore"/> = (model − prior) / sd is how far the data moved the fit from the prior.
/// </summary>
/// <param name="Kind">"roas" or "share".</param>
public sealed record RoiPriorResult(string Channel, string Kind, double Prior, double StandardDeviation, int Rows, double Model, double ZScore)
{
    public static IReadOnlyList<RoiPriorResult> From(Panel panel, IReadOnlyList<DecompositionRow> decomposition)
    {
        if (panel.RoiPriors.Count == 0) return [];
        var sums = new MediaContributionSums(panel, decomposition);
        return panel.RoiPriors.Select(p =>
        {
            string channel = panel.Channels[p.Channel];
            double model = sums.Over(channel, p.Cells) / p.Denominator;
            return new RoiPriorResult(channel, p.Prior.Kind == RoiPriorKind.Roas ? "roas" : "share", p.Prior.Value, p.Prior.StandardDeviation,
                p.Cells.Count, model, (model - p.Prior.Value) / p.Prior.StandardDeviation);
        }).ToList();
    }
}
