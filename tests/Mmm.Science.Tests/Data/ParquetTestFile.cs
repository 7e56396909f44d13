using Parquet;
using Parquet.Schema;

namespace Mmm.Science.Tests.Data;

/// <summary>Builds small Parquet files in memory from column arrays, one row group, columns in insertion order.</summary>
internal sealed class ParquetTestFile
{
    private readonly List<(DataField Field, Func<ParquetRowGroupWriter, Task> Write)> _columns = [];
    private readonly Dictionary<string, string> _metadata = [];

    public ParquetTestFile Column<T>(string name, T[] values) where T : struct
    {
        var field = new DataField<T>(name);
        return Set(field, async g => await g.WriteAsync<T>(field, values));
    }

    public ParquetTestFile NullableColumn<T>(string name, T?[] values) where T : struct
    {
        var field = new DataField<T?>(name);
        return Set(field, async g => await g.WriteAsync<T>(field, values));
    }

    public ParquetTestFile Strings(string name, string?[] values)
    {
        var field = new DataField<string>(name);
        return Set(field, async g => await g.WriteAsync(field, values));
    }

    public ParquetTestFile Timestamps(string name, DateTime[] values, DateTimeTimeUnit unit)
    {
        var field = new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: unit);
        return Set(field, async g => await g.WriteAsync<DateTime>(field, values));
    }

    public ParquetTestFile Decimals(string name, decimal[] values)
    {
        var field = new DecimalDataField(name, 18, 4);
        return Set(field, async g => await g.WriteAsync<decimal>(field, values));
    }

    public ParquetTestFile Remove(string name)
    {
        _columns.RemoveAll(c => c.Field.Name == name);
        return this;
    }

    public ParquetTestFile Metadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    public async Task<MemoryStream> BuildAsync()
    {
        var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(_columns.Select(c => (Field)c.Field)), stream))
        {
            if (_metadata.Count > 0) writer.CustomMetadata = new Dictionary<string, string>(_metadata);
            using var group = writer.CreateRowGroup();
            foreach (var (_, write) in _columns) await write(group);
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>Replaces a column of the same name in place, or appends a new one.</summary>
    private ParquetTestFile Set(DataField field, Func<ParquetRowGroupWriter, Task> write)
    {
        var at = _columns.FindIndex(c => c.Field.Name == field.Name);
        if (at >= 0) _columns[at] = (field, write);
        else _columns.Add((field, write));
        return this;
    }
}
