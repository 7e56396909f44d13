using Parquet;
using Parquet.Schema;

namespace Mmm.Lab.Synthetic;

/// <summary>
/// Writes a <see cref="SyntheticTruth"/> as Parquet: <c>region</c> STRING, <c>date</c> DATE, then one DOUBLE
/// column per component in <see cref="SyntheticTruth.Components"/> order (KPI units; they sum to the KPI).
/// One row per present (region, period), ordered by region then date; absent cells have no row, as in the input.
/// The planted edges and true channel parameters go into the file's key-value metadata (<c>mmm.truth.*</c>).
/// </summary>
public static class TruthParquetWriter
{
    public const string EdgesMetadataKey = "mmm.truth.edges";
    public const string ChannelsMetadataKey = "mmm.truth.channels";

    public static async Task WriteAsync(SyntheticTruth truth, string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await WriteAsync(truth, stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteAsync(SyntheticTruth truth, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(stream);

        var regionField = new DataField<string>("region", nullable: false);
        var dateField = new DataField<DateOnly>("date", nullable: false);
        var componentFields = truth.Components.Select(c => new DataField<double>(c, nullable: false)).ToArray();
        var schema = new ParquetSchema([regionField, dateField, .. componentFields]);

        var rows = new List<(int Region, int Period)>();
        for (int r = 0; r < truth.RegionCount; r++)
            for (int t = 0; t < truth.PeriodCount; t++)
                if (truth.Present[r * truth.PeriodCount + t]) rows.Add((r, t));

        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string>
        {
            [EdgesMetadataKey] = System.Text.Json.JsonSerializer.Serialize(truth.Edges),
            [ChannelsMetadataKey] = System.Text.Json.JsonSerializer.Serialize(truth.Channels),
        };
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(regionField, rows.Select(x => truth.Regions[x.Region]).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<DateOnly>(dateField, rows.Select(x => truth.Dates[x.Period]).ToArray(),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        for (int m = 0; m < componentFields.Length; m++)
        {
            int component = m;
            double[] values = rows.Select(x => truth.ContributionAt(x.Region, x.Period, component)).ToArray();
            await group.WriteAsync<double>(componentFields[m], values, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
