using Mmm.Science.Data;

namespace Mmm.Science.Results;

/// <summary>A channel's media contribution (decomposition.parquet's rows) summed over panel cells, for the calibration results.</summary>
internal sealed class MediaContributionSums(Panel panel, IReadOnlyList<DecompositionRow> decomposition)
{
    private readonly Dictionary<(string, DateOnly, string), double> byCell = decomposition.Where(d => d.ComponentType == ComponentTypes.Media)
        .ToDictionary(d => (d.Region, d.Date, d.Component), d => d.Contribution);

    /// <param name="cells">Panel cells, region * periods + period.</param>
    public double Over(string channel, IEnumerable<int> cells) =>
        cells.Sum(cell => byCell[(panel.Regions[cell / panel.PeriodCount], panel.Dates[cell % panel.PeriodCount], channel)]);
}
