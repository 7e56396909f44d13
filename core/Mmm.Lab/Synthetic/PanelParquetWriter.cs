using Mmm.Science.Data;
using Parquet;
using Parquet.Schema;

namespace Mmm.Lab.Synthetic;

/// <summary>
/// Writes a panel in the input format of docs/contract.md: <c>date</c> DATE, <c>region</c> STRING, the KPI
/// column, then media and controls as DOUBLE; one row per present cell, by region then date. Column names
/// are written as they are, so names that do not follow the role rules need role overrides in the config.
/// </summary>
public static class PanelParquetWriter
{
    /// <param name="configJson">Optional run config stored as <see cref="PanelReader.ConfigMetadataKey"/> key-value metadata.</param>
    public static async Task WriteAsync(Panel panel, Stream output, string? configJson = null, CancellationToken ct = default)
    {
        var dateField = new DataField<DateOnly>("date");
        var regionField = new DataField<string>("region");
        var kpiField = new DataField<double>(panel.KpiName);
        var mediaFields = panel.Channels.Select(c => new DataField<double>(c)).ToArray();
        var controlFields = panel.Controls.Select(c => new DataField<double>(c)).ToArray();
        var schema = new ParquetSchema([dateField, regionField, kpiField, .. mediaFields, .. controlFields]);

        var cells = PresentCells(panel);
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: ct);
        if (configJson is not null)
            writer.CustomMetadata = new Dictionary<string, string> { [PanelReader.ConfigMetadataKey] = configJson };

        using var group = writer.CreateRowGroup();
        await group.WriteAsync<DateOnly>(dateField, cells.Select(c => panel.Dates[c.Period]).ToArray(), cancellationToken: ct);
        await group.WriteAsync(regionField, cells.Select(c => panel.Regions[c.Region]).ToArray());
        await group.WriteAsync<double>(kpiField, cells.Select(c => panel.KpiAt(c.Region, c.Period)).ToArray(), cancellationToken: ct);
        for (var m = 0; m < mediaFields.Length; m++)
            await group.WriteAsync<double>(mediaFields[m], cells.Select(c => panel.MediaAt(c.Region, c.Period, m)).ToArray(), cancellationToken: ct);
        for (var k = 0; k < controlFields.Length; k++)
            await group.WriteAsync<double>(controlFields[k], cells.Select(c => panel.ControlAt(c.Region, c.Period, k)).ToArray(), cancellationToken: ct);
    }

    private static List<(int Region, int Period)> PresentCells(Panel panel)
    {
        var cells = new List<(int, int)>(panel.RowCount);
        for (var r = 0; r < panel.RegionCount; r++)
            for (var t = 0; t < panel.PeriodCount; t++)
                if (panel.IsPresent(r, t)) cells.Add((r, t));
        return cells;
    }
}
