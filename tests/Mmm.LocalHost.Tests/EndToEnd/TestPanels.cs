using Mmm.Science.Data;
using Mmm.Lab.Synthetic;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>Small Parquet panels for end-to-end runs, with a run config embedded as `mmm.config` metadata.</summary>
public static class TestPanels
{
    /// <summary>A few seconds of training: tiny network, 20 epochs in blocks of 10.</summary>
    public const string TinyConfig = """{"hidden": 8, "epochs": 20, "warmStartEpochs": 2, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10, "device": "cpu", "ensembleEpochs": 100}""";

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

    /// <summary>A copy with every value of one control set to <paramref name="value"/>.</summary>
    public static Panel WithConstantControl(Panel panel, int control, double value)
    {
        var controls = (double[])panel.ControlValues.Clone();
        for (int cell = 0; cell < panel.Present.Length; cell++) controls[cell * panel.ControlCount + control] = value;
        return Copy(panel, controls: controls);
    }

    /// <summary>A copy with every KPI value multiplied by <paramref name="factor"/>.</summary>
    public static Panel WithKpiTimes(Panel panel, double factor) => Copy(panel, kpi: panel.Kpi.Select(k => k * factor).ToArray());

    /// <summary>The KPI of every present row, by region and date.</summary>
    public static Dictionary<(string Region, DateOnly Date), double> KpiByRow(Panel panel)
    {
        var rows = new Dictionary<(string, DateOnly), double>();
        for (int r = 0; r < panel.RegionCount; r++)
            for (int t = 0; t < panel.PeriodCount; t++)
                if (panel.Present[r * panel.PeriodCount + t]) rows[(panel.Regions[r], panel.Dates[t])] = panel.Kpi[r * panel.PeriodCount + t];
        return rows;
    }

    /// <summary>A copy whose controls are written under other column names (e.g. a name the reader takes for a KPI).</summary>
    public static Panel WithControlNames(Panel panel, params string[] names) => Copy(panel, controlNames: names);

    private static Panel Copy(Panel p, double[]? media = null, bool[]? present = null, double[]? controls = null, string[]? controlNames = null,
        double[]? kpi = null) => new()
    {
        Source = p.Source, Regions = p.Regions, Dates = p.Dates, StepDays = p.StepDays, KpiName = p.KpiName, Channels = p.Channels,
        Controls = controlNames ?? p.Controls, Kpi = kpi ?? p.Kpi, Media = media ?? p.Media, ControlValues = controls ?? p.ControlValues,
        Present = present ?? p.Present,
    };
}
