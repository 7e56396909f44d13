using Mmm.Lab.Synthetic;
using Mmm.Science.Data;
using Mmm.Science.Tests.Data;

namespace Mmm.Lab.Tests.Synthetic;

public class PanelParquetWriterTests
{
    [Fact]
    public async Task Writing_then_reading_gives_the_same_ragged_panel()
    {
        var (original, _) = await PanelReading.ReadDataFileAsync("deepcausalmmm-panel.parquet");

        var copy = await RoundTripAsync(original);

        Assert.Equal(original.Regions, copy.Regions);
        Assert.Equal(original.Dates, copy.Dates);
        Assert.Equal(original.StepDays, copy.StepDays);
        Assert.Equal(original.KpiName, copy.KpiName);
        Assert.Equal(original.Channels, copy.Channels);
        Assert.Equal(original.Controls, copy.Controls);
        Assert.Equal(original.Present, copy.Present);
        Assert.Equal(original.Kpi, copy.Kpi);
        Assert.Equal(original.Media, copy.Media);
        Assert.Equal(original.ControlValues, copy.ControlValues);
        Assert.Equal(340, copy.AbsentCells);
    }

    [Fact]
    public async Task A_single_region_panel_keeps_its_region_name()
    {
        var (original, _) = await PanelReading.ReadDataFileAsync("pymc-example.parquet");

        var copy = await RoundTripAsync(original);

        Assert.Equal(["all"], copy.Regions);
        Assert.Equal(original.Kpi, copy.Kpi);
        Assert.Equal(original.Media, copy.Media);
        Assert.Equal(original.ControlValues, copy.ControlValues);
    }

    [Fact]
    public async Task The_config_is_stored_as_mmm_config_metadata_and_read_back()
    {
        var (original, _) = await PanelReading.ReadDataFileAsync("pymc-example.parquet");
        using var stream = new MemoryStream();

        await PanelParquetWriter.WriteAsync(original, stream, """{ "seed": 7, "hidden": 16 }""");
        stream.Position = 0;
        var (_, config) = await PanelReader.ReadAsync(stream, "copy.parquet");

        Assert.Equal((7, 16), (config.Options.Seed, config.Options.Hidden));
    }

    private static async Task<Panel> RoundTripAsync(Panel panel)
    {
        using var stream = new MemoryStream();
        await PanelParquetWriter.WriteAsync(panel, stream);
        stream.Position = 0;
        return (await PanelReader.ReadAsync(stream, "copy.parquet")).Panel;
    }
}
