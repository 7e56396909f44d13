using Mmm.Science.Results;
using Parquet;

namespace Mmm.Science.Tests.Results;

public class ParquetTableTests
{
    [Fact]
    public async Task Rows_split_over_several_row_groups_read_back_in_order()
    {
        var rows = Enumerable.Range(0, 25)
            .Select(i => new DecompositionRow($"r{i % 3}", new DateOnly(2020, 1, 6).AddDays(7 * i), ComponentTypes.Media, $"c{i}", i * 0.5))
            .ToList();
        using var stream = new MemoryStream();
        await OutputTables.Decomposition.WriteAsync(stream, rows, CancellationToken.None, rowGroupSize: 10);

        stream.Position = 0;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true))
            Assert.Equal(3, reader.RowGroupCount);
        stream.Position = 0;
        Assert.Equal(rows, await OutputTables.Decomposition.ReadAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task Reading_a_file_without_a_contract_column_names_it()
    {
        using var stream = new MemoryStream();
        await OutputTables.Adjacency.WriteAsync(stream, [new AdjacencyRow("a", "b", 0.5, true)], CancellationToken.None);
        stream.Position = 0;
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => OutputTables.Fit.ReadAsync(stream, CancellationToken.None));
        Assert.Contains("'region'", e.Message);
    }
}
