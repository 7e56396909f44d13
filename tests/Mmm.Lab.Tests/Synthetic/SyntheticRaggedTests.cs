using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

public class SyntheticRaggedTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Absent_cells_only_at_span_edges_of_the_ragged_regions(int ragged)
    {
        var s = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { RaggedRegions = ragged });
        var p = s.Panel;
        int raggedSeen = 0;
        for (int r = 0; r < p.RegionCount; r++)
        {
            bool[] row = Enumerable.Range(0, p.PeriodCount).Select(t => p.IsPresent(r, t)).ToArray();
            int first = Array.IndexOf(row, true), last = Array.LastIndexOf(row, true);
            Assert.True(first >= 0, $"{p.Regions[r]} has no data");
            for (int t = first; t <= last; t++) Assert.True(row[t], $"{p.Regions[r]} has a hole at {t}");
            Assert.True(last - first + 1 >= p.PeriodCount / 2, $"{p.Regions[r]} span too short");

            bool isRagged = first > 0 || last < p.PeriodCount - 1;
            Assert.Equal(r >= p.RegionCount - ragged, isRagged);
            if (isRagged) raggedSeen++;

            for (int t = 0; t < p.PeriodCount; t++)
            {
                if (row[t]) continue;
                Assert.Equal(0.0, p.KpiAt(r, t));
                for (int c = 0; c < p.ChannelCount; c++) Assert.Equal(0.0, p.MediaAt(r, t, c));
                for (int k = 0; k < p.ControlCount; k++) Assert.Equal(0.0, p.ControlAt(r, t, k));
                for (int m = 0; m < s.Truth.ComponentCount; m++) Assert.Equal(0.0, s.Truth.ContributionAt(r, t, m));
            }
        }
        Assert.Equal(ragged, raggedSeen);
        Assert.Equal(p.Present, s.Truth.Present);
    }

    [Fact]
    public void Ragged_regions_include_late_starts_and_early_ends()
    {
        var p = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { RaggedRegions = 3 }).Panel;
        int last = p.PeriodCount - 1;
        Assert.Contains(Enumerable.Range(0, p.RegionCount), r => !p.IsPresent(r, 0) && p.IsPresent(r, last));
        Assert.Contains(Enumerable.Range(0, p.RegionCount), r => p.IsPresent(r, 0) && !p.IsPresent(r, last));
    }
}
