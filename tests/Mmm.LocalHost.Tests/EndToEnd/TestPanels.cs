using Mmm.Science.Data;
using Mmm.Science.Synthetic;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>Small Parquet panels for end-to-end runs, with a run config embedded as `mmm.config` metadata.</summary>
public static class TestPanels
{
    /// <summary>A few seconds of training: tiny network, 20 epochs in blocks of 10.</summary>
    public const string TinyConfig = """{"hidden": 8, "epochs": 20, "warmStartEpochs": 2, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10, "device": "cpu"}""";

    public static Panel Synthetic(ulong seed = 7, int regions = 3, int weeks = 60) =>
        SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = regions, Weeks = weeks, Seed = seed }).Panel;

    public static async Task<byte[]> ParquetAsync(Panel panel, string? config = TinyConfig)
    {
        using var buffer = new MemoryStream();
        await PanelParquetWriter.WriteAsync(panel, buffer, config);
        return buffer.ToArray();
    }

    /// <summary>A copy of the panel with one media value changed (e.g. made negative).</summary>
    public static Panel WithMedia(Panel panel, int region, int period, int channel, double value)
    {
        var media = (double[])panel.Media.Clone();
        media[(region * panel.PeriodCount + period) * panel.ChannelCount + channel] = value;
        return Copy(panel, media: media);
    }

    /// <summary>A copy with one region's week removed from inside its span (a gap).</summary>
    public static Panel WithGap(Panel panel, int region, int period)
    {
        var present = (bool[])panel.Present.Clone();
        present[region * panel.PeriodCount + period] = false;
        return Copy(panel, present: present);
    }

    private static Panel Copy(Panel p, double[]? media = null, bool[]? present = null) => new()
    {
        Source = p.Source, Regions = p.Regions, Dates = p.Dates, StepDays = p.StepDays, KpiName = p.KpiName, Channels = p.Channels,
        Controls = p.Controls, Kpi = p.Kpi, Media = media ?? p.Media, ControlValues = p.ControlValues, Present = present ?? p.Present,
    };
}
