using Parquet;
using Parquet.Schema;

namespace Mmm.Science.Results;

/// <summary>
/// A Parquet file layout for one row record: its ordered columns and how to rebuild a row from the
/// column arrays read back. Writes and reads streams or local files only.
/// </summary>
public sealed class ParquetTable<TRow>
{
    /// <summary>Rows per row group; large outputs (decomposition) are split so a reader never needs it all at once.</summary>
    public const int RowGroupSize = 1_000_000;

    private readonly ParquetColumn<TRow>[] _columns;
    private readonly Func<IReadOnlyDictionary<string, Array>, int, TRow> _rowFactory;

    internal ParquetTable(Func<IReadOnlyDictionary<string, Array>, int, TRow> rowFactory, params ParquetColumn<TRow>[] columns)
    {
        _columns = columns;
        _rowFactory = rowFactory;
        Schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
    }

    public ParquetSchema Schema { get; }

    private static readonly ParquetOptions ReaderOptions = new() { UseDateOnlyTypeForDates = true };

    public async Task WriteAsync(Stream output, IReadOnlyList<TRow> rows, CancellationToken ct, int rowGroupSize = RowGroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        var all = rows as TRow[] ?? rows.ToArray();
        await using var writer = await ParquetWriter.CreateAsync(Schema, output, cancellationToken: ct);
        // An empty table still gets one (empty) row group so every reader sees the schema and zero rows.
        int offset = 0;
        do
        {
            int count = Math.Min(rowGroupSize, all.Length - offset);
            using var group = writer.CreateRowGroup();
            var slice = new ReadOnlyMemory<TRow>(all, offset, count);
            foreach (var column in _columns)
                await column.WriteAsync(group, slice, ct);
            offset += count;
        } while (offset < all.Length);
    }

    public async Task WriteAsync(string path, IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        await WriteAsync(stream, rows, ct);
        await stream.FlushAsync(ct);
        stream.Flush(flushToDisk: true);
    }

    public async Task<List<TRow>> ReadAsync(Stream input, CancellationToken ct)
    {
        await using var reader = await ParquetReader.CreateAsync(input, ReaderOptions, leaveStreamOpen: true, cancellationToken: ct);
        var fileFields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        var rows = new List<TRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int count = checked((int)group.RowCount);
            var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
            foreach (var column in _columns)
            {
                if (!fileFields.TryGetValue(column.Field.Name, out var fileField))
                    throw new InvalidDataException($"column '{column.Field.Name}' is missing");
                columns[column.Field.Name] = await column.ReadAsync(group, fileField, count, ct);
            }
            for (int i = 0; i < count; i++) rows.Add(_rowFactory(columns, i));
        }
        return rows;
    }

    public async Task<List<TRow>> ReadAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            return await ReadAsync(stream, ct);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
