using Parquet;
using Parquet.Schema;

namespace Mmm.Science.Results;

/// <summary>
/// One typed column of a row record: its Parquet field, how to write a slice of rows into a row group and
/// how to read it back. Columns are written explicitly (not through ParquetSerializer) so that names,
/// physical/logical types and required-ness are exactly the contract's, and positional records round-trip.
/// </summary>
internal abstract class ParquetColumn<TRow>
{
    protected ParquetColumn(DataField field) => Field = field;

    public DataField Field { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter writer, ReadOnlyMemory<TRow> rows, CancellationToken ct);

    /// <summary>Reads <paramref name="count"/> values; <paramref name="fileField"/> is the file's own field of the same name.</summary>
    public abstract Task<Array> ReadAsync(ParquetRowGroupReader reader, DataField fileField, int count, CancellationToken ct);
}

/// <summary>A required (non-null) column of a value type: INT32, INT64, DOUBLE, BOOLEAN, DATE.</summary>
internal sealed class ValueColumn<TRow, T>(string name, Func<TRow, T> get) : ParquetColumn<TRow>(new DataField<T>(name, false))
    where T : struct
{
    public override Task WriteAsync(ParquetRowGroupWriter writer, ReadOnlyMemory<TRow> rows, CancellationToken ct)
    {
        var span = rows.Span;
        var values = new T[rows.Length];
        for (int i = 0; i < rows.Length; i++) values[i] = get(span[i]);
        return writer.WriteAsync<T>(Field, values.AsMemory(), null, null, ct);
    }

    public override async Task<Array> ReadAsync(ParquetRowGroupReader reader, DataField fileField, int count, CancellationToken ct)
    {
        var values = new T[count];
        if (fileField.IsNullable)
        {
            // Tolerate files written by other tools that declare the column optional.
            var nullable = new T?[count];
            await reader.ReadAsync<T>(fileField, nullable.AsMemory(), null, ct);
            for (int i = 0; i < count; i++)
                values[i] = nullable[i] ?? throw new InvalidDataException($"column '{Field.Name}' has a null at row {i}");
        }
        else
        {
            await reader.ReadAsync<T>(fileField, values.AsMemory(), null, ct);
        }
        return values;
    }
}

/// <summary>An optional (nullable) column of a value type.</summary>
internal sealed class NullableValueColumn<TRow, T>(string name, Func<TRow, T?> get) : ParquetColumn<TRow>(new DataField<T?>(name, true))
    where T : struct
{
    public override Task WriteAsync(ParquetRowGroupWriter writer, ReadOnlyMemory<TRow> rows, CancellationToken ct)
    {
        var span = rows.Span;
        var values = new T?[rows.Length];
        for (int i = 0; i < rows.Length; i++) values[i] = get(span[i]);
        return writer.WriteAsync<T>(Field, values.AsMemory(), null, null, ct);
    }

    public override async Task<Array> ReadAsync(ParquetRowGroupReader reader, DataField fileField, int count, CancellationToken ct)
    {
        var values = new T?[count];
        if (fileField.IsNullable)
        {
            await reader.ReadAsync<T>(fileField, values.AsMemory(), null, ct);
        }
        else
        {
            var required = new T[count];
            await reader.ReadAsync<T>(fileField, required.AsMemory(), null, ct);
            for (int i = 0; i < count; i++) values[i] = required[i];
        }
        return values;
    }
}

/// <summary>A required UTF-8 STRING column.</summary>
internal sealed class StringColumn<TRow>(string name, Func<TRow, string> get) : ParquetColumn<TRow>(new DataField<string>(name, false))
{
    public override Task WriteAsync(ParquetRowGroupWriter writer, ReadOnlyMemory<TRow> rows, CancellationToken ct)
    {
        var span = rows.Span;
        var values = new string[rows.Length];
        for (int i = 0; i < rows.Length; i++)
            values[i] = get(span[i]) ?? throw new ArgumentException($"column '{Field.Name}' is required but row {i} has null");
        return writer.WriteAsync(Field, values, null);
    }

    public override async Task<Array> ReadAsync(ParquetRowGroupReader reader, DataField fileField, int count, CancellationToken ct)
    {
        var values = new string?[count];
        await reader.ReadAsync(fileField, values.AsMemory(), null, ct);
        for (int i = 0; i < count; i++)
            if (values[i] is null) throw new InvalidDataException($"column '{Field.Name}' has a null at row {i}");
        return values;
    }
}

internal sealed class NullableStringColumn<TRow>(string name, Func<TRow, string?> get) : ParquetColumn<TRow>(new DataField<string>(name, true))
{
    public override Task WriteAsync(ParquetRowGroupWriter writer, ReadOnlyMemory<TRow> rows, CancellationToken ct)
    {
        var span = rows.Span;
        var values = new string?[rows.Length];
        for (int i = 0; i < rows.Length; i++) values[i] = get(span[i]);
        return writer.WriteAsync(Field, values, null);
    }

    public override async Task<Array> ReadAsync(ParquetRowGroupReader reader, DataField fileField, int count, CancellationToken ct)
    {
        var values = new string?[count];
        await reader.ReadAsync(fileField, values.AsMemory(), null, ct);
        return values;
    }
}
