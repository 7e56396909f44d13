using Parquet.Schema;

namespace Mmm.Science.Data;

/// <summary>The Parquet types each role accepts (docs/contract.md), by the CLR type Parquet.Net maps them to.</summary>
internal static class ColumnTypes
{
    private static readonly HashSet<Type> Integers =
        [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    private static readonly HashSet<Type> Numbers =
        [.. Integers, typeof(float), typeof(double), typeof(Half), typeof(decimal)];

    public static bool IsInteger(DataField f) => Integers.Contains(f.ClrType);
    public static bool IsNumber(DataField f) => Numbers.Contains(f.ClrType);
    public static bool IsString(DataField f) => f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>);
    public static bool IsBoolean(DataField f) => f.ClrType == typeof(bool);
    public static bool IsDate(DataField f) => f.ClrType == typeof(DateOnly) || f.ClrType == typeof(DateTime) || IsString(f);

    /// <summary>A short name of the column's type for error messages.</summary>
    public static string Describe(DataField f) =>
        f.ClrType == typeof(ReadOnlyMemory<char>) ? "STRING" : f.ClrType.Name;
}
