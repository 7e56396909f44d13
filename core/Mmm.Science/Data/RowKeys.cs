namespace Mmm.Science.Data;

/// <summary>Each row's region (an index into the sorted <see cref="RegionNames"/>) and date.</summary>
internal sealed record RowKeys(IReadOnlyList<string> RegionNames, int[] RegionOfRow, DateOnly[] DateOfRow)
{
    public int RowCount => DateOfRow.Length;
}
