using Mmm.Lab.Synthetic;
using Parquet;
using Parquet.Schema;

namespace Mmm.Lab.Tests.Synthetic;

public class TruthParquetWriterTests
{
    [Fact]
    public async Task Truth_round_trips_through_parquet()
    {
        var truth = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { RaggedRegions = 2 }).Truth;
        using var stream = new MemoryStream();
        await TruthParquetWriter.WriteAsync(truth, stream);
        stream.Position = 0;

        // With this option only a Parquet DATE column (not a timestamp) comes back as DateOnly.
        var options = new ParquetOptions { UseDateOnlyTypeForDates = true };
        await using var reader = await ParquetReader.CreateAsync(stream, options);
        var fields = reader.Schema.DataFields;
        Assert.Equal(["region", "date", .. truth.Components], fields.Select(f => f.Name));
        // Parquet.Net 6 reads UTF-8 strings as ReadOnlyMemory<char> by default.
        Assert.Contains(fields[0].ClrType, new[] { typeof(string), typeof(ReadOnlyMemory<char>) });
        Assert.Equal(typeof(DateOnly), fields[1].ClrType);
        Assert.All(fields.Skip(2), f => Assert.Equal(typeof(double), f.ClrType));
        Assert.Contains(TruthParquetWriter.EdgesMetadataKey, reader.CustomMetadata.Keys);
        Assert.Contains("media_search", reader.CustomMetadata[TruthParquetWriter.EdgesMetadataKey]);

        int presentRows = truth.Present.Count(p => p);
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(presentRows, group.RowCount);

        var regions = new string?[presentRows];
        await group.ReadAsync(fields[0], regions.AsMemory());
        var dates = new DateOnly[presentRows];
        await group.ReadAsync<DateOnly>(fields[1], dates.AsMemory());
        var columns = new double[truth.ComponentCount][];
        for (int m = 0; m < truth.ComponentCount; m++)
        {
            columns[m] = new double[presentRows];
            await group.ReadAsync<double>(fields[m + 2], columns[m].AsMemory());
        }

        int row = 0;
        for (int r = 0; r < truth.RegionCount; r++)
            for (int t = 0; t < truth.PeriodCount; t++)
            {
                if (!truth.Present[r * truth.PeriodCount + t]) continue;
                Assert.Equal(truth.Regions[r], regions[row]);
                Assert.Equal(truth.Dates[t], dates[row]);
                for (int m = 0; m < truth.ComponentCount; m++)
                    Assert.Equal(truth.ContributionAt(r, t, m), columns[m][row]);
                row++;
            }
        Assert.Equal(presentRows, row);
    }

    [Fact]
    public async Task Writes_to_a_file_path()
    {
        var truth = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = 2, Weeks = 60 }).Truth;
        string path = Path.Combine(Path.GetTempPath(), $"truth-{Guid.NewGuid():N}.parquet");
        try
        {
            await TruthParquetWriter.WriteAsync(truth, path);
            await using var reader = await ParquetReader.CreateAsync(path);
            Assert.Equal(2 * 60, reader.OpenRowGroupReader(0).RowCount);
            Assert.NotNull(reader.Schema.FindDataField("noise"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
