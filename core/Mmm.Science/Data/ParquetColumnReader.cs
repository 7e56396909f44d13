using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace Mmm.Science.Data;

/// <summary>
/// Reads one column of one row group as the few shapes the panel needs (numbers, integer ids, strings,
/// dates), with null kept as null. Which CLR types are accepted is decided by <see cref="ColumnTypes"/>.
/// </summary>
internal static class ParquetColumnReader
{
    public static async Task<double?[]> ReadNumbersAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(double)) return await ReadAsDoubleAsync<double>(group, field, ct);
        if (t == typeof(float)) return await ReadAsDoubleAsync<float>(group, field, ct);
        if (t == typeof(Half)) return await ReadAsDoubleAsync<Half>(group, field, ct);
        if (t == typeof(decimal)) return await ReadAsDoubleAsync<decimal>(group, field, ct);
        if (t == typeof(sbyte)) return await ReadAsDoubleAsync<sbyte>(group, field, ct);
        if (t == typeof(byte)) return await ReadAsDoubleAsync<byte>(group, field, ct);
        if (t == typeof(short)) return await ReadAsDoubleAsync<short>(group, field, ct);
        if (t == typeof(ushort)) return await ReadAsDoubleAsync<ushort>(group, field, ct);
        if (t == typeof(int)) return await ReadAsDoubleAsync<int>(group, field, ct);
        if (t == typeof(uint)) return await ReadAsDoubleAsync<uint>(group, field, ct);
        if (t == typeof(long)) return await ReadAsDoubleAsync<long>(group, field, ct);
        if (t == typeof(ulong)) return await ReadAsDoubleAsync<ulong>(group, field, ct);
        if (t == typeof(bool))
            return Array.ConvertAll(await ReadStructsAsync<bool>(group, field, ct), b => b is { } v ? (v ? 1.0 : 0.0) : (double?)null);
        throw new NotSupportedException($"column '{field.Name}' of type {t.Name} is not numeric");
    }

    public static async Task<Int128?[]> ReadIntegersAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(sbyte)) return await ReadAsInt128Async<sbyte>(group, field, ct);
        if (t == typeof(byte)) return await ReadAsInt128Async<byte>(group, field, ct);
        if (t == typeof(short)) return await ReadAsInt128Async<short>(group, field, ct);
        if (t == typeof(ushort)) return await ReadAsInt128Async<ushort>(group, field, ct);
        if (t == typeof(int)) return await ReadAsInt128Async<int>(group, field, ct);
        if (t == typeof(uint)) return await ReadAsInt128Async<uint>(group, field, ct);
        if (t == typeof(long)) return await ReadAsInt128Async<long>(group, field, ct);
        if (t == typeof(ulong)) return await ReadAsInt128Async<ulong>(group, field, ct);
        throw new NotSupportedException($"column '{field.Name}' of type {t.Name} is not an integer");
    }

    public static async Task<string?[]> ReadStringsAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        var values = new string?[RowCount(group)];
        await group.ReadAsync(field, values.AsMemory(), null, ct);
        return values;
    }

    /// <summary>Dates, with the text of the first STRING value that is not yyyy-MM-dd (its date is null).</summary>
    public static async Task<DateColumn> ReadDatesAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(DateOnly)) return new(await ReadStructsAsync<DateOnly>(group, field, ct), null);
        if (t == typeof(DateTime))
            return new(Array.ConvertAll(await ReadStructsAsync<DateTime>(group, field, ct), d => d is { } v ? DateOnly.FromDateTime(v) : (DateOnly?)null), null);

        var texts = await ReadStringsAsync(group, field, ct);
        var dates = new DateOnly?[texts.Length];
        BadDate? bad = null;
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is not { } text) continue;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) dates[i] = d;
            else bad ??= new BadDate(i, text);
        }
        return new(dates, bad);
    }

    private static async Task<double?[]> ReadAsDoubleAsync<T>(ParquetRowGroupReader group, DataField field, CancellationToken ct)
        where T : struct, INumberBase<T> =>
        Array.ConvertAll(await ReadStructsAsync<T>(group, field, ct), v => v is { } x ? double.CreateChecked(x) : (double?)null);

    private static async Task<Int128?[]> ReadAsInt128Async<T>(ParquetRowGroupReader group, DataField field, CancellationToken ct)
        where T : struct, IBinaryInteger<T> =>
        Array.ConvertAll(await ReadStructsAsync<T>(group, field, ct), v => v is { } x ? Int128.CreateChecked(x) : (Int128?)null);

    private static async Task<T?[]> ReadStructsAsync<T>(ParquetRowGroupReader group, DataField field, CancellationToken ct)
        where T : struct
    {
        var n = RowCount(group);
        if (field.IsNullable)
        {
            var nullable = new T?[n];
            await group.ReadAsync<T>(field, nullable.AsMemory(), null, ct);
            return nullable;
        }
        var plain = new T[n];
        await group.ReadAsync<T>(field, plain.AsMemory(), null, ct);
        return Array.ConvertAll(plain, v => (T?)v);
    }

    private static int RowCount(ParquetRowGroupReader group) => checked((int)group.RowCount);
}

internal sealed record DateColumn(DateOnly?[] Values, BadDate? FirstUnparsed);

internal sealed record BadDate(int Index, string Text);
