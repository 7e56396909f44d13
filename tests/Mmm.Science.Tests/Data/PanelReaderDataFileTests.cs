namespace Mmm.Science.Tests.Data;

/// <summary>The two sample panels shipped in tests/data, with facts checked against the files.</summary>
public class PanelReaderDataFileTests
{
    [Fact]
    public async Task Reads_the_deepcausalmmm_panel_with_its_ragged_regions()
    {
        var (panel, _) = await PanelReading.ReadDataFileAsync("deepcausalmmm-panel.parquet");

        Assert.Equal("deepcausalmmm-panel.parquet", panel.Source);
        Assert.Equal(190, panel.RegionCount);
        Assert.Equal(109, panel.PeriodCount);
        Assert.Equal(13, panel.ChannelCount);
        Assert.Equal(7, panel.ControlCount);
        Assert.Equal("target_visits", panel.KpiName);
        Assert.Equal(20_370, panel.RowCount);
        Assert.Equal(340, panel.AbsentCells);
        Assert.Equal(7, panel.StepDays);
        Assert.Equal(new DateOnly(2020, 1, 6), panel.Dates[0]);
        Assert.Equal(new DateOnly(2022, 1, 31), panel.Dates[^1]);
        Assert.Empty(panel.IgnoredColumns);
        Assert.Equal("impressions_Channel_01_delayed_lag_1_decay_0.05_delay_1", panel.Channels[0]);
        Assert.Equal("control_01", panel.Controls[0]);

        var ragged = Enumerable.Range(0, panel.RegionCount)
            .Where(r => Enumerable.Range(0, panel.PeriodCount).Any(t => !panel.IsPresent(r, t)))
            .Select(r => panel.Regions[r]).ToList();
        Assert.Equal(["509", "518", "734", "744", "766", "801"], ragged);

        // Region 509 has 14 weeks, 2020-01-06 .. 2020-04-06, then is padded with zeros.
        var r509 = panel.Regions.ToList().IndexOf("509");
        Assert.Equal(14, Enumerable.Range(0, panel.PeriodCount).Count(t => panel.IsPresent(r509, t)));
        Assert.True(panel.IsPresent(r509, 13));
        Assert.False(panel.IsPresent(r509, 14));
        Assert.Equal(0, panel.KpiAt(r509, 14));

        // First row of the file: region 500, 2020-01-06.
        Assert.Equal("500", panel.Regions[0]);
        Assert.Equal(624179, panel.KpiAt(0, 0));
        Assert.Equal(812, panel.MediaAt(0, 0, 0));
        Assert.Equal(24055, panel.MediaAt(0, 0, 1));
        Assert.Equal(2.472944184, panel.ControlAt(0, 0, 6));
        Assert.Equal(637085, panel.KpiAt(0, 1));
    }

    [Fact]
    public async Task Reads_the_pymc_example_as_one_region_named_all()
    {
        var (panel, config) = await PanelReading.ReadDataFileAsync("pymc-example.parquet");

        Assert.Equal(["all"], panel.Regions);
        Assert.Equal(179, panel.PeriodCount);
        Assert.Equal(["media_x1", "media_x2"], panel.Channels);
        Assert.Equal(["control_event_1", "control_event_2"], panel.Controls);
        Assert.Equal("kpi", panel.KpiName);
        Assert.Equal(0, panel.AbsentCells);
        Assert.Equal(new DateOnly(2018, 4, 2), panel.Dates[0]);
        Assert.Equal(3984.662237343649, panel.KpiAt(0, 0));
        Assert.Equal(0.3185800179359486, panel.MediaAt(0, 0, 0));
        Assert.Equal(new Mmm.Science.Options.MmmOptions(), config.Options);
    }
}
