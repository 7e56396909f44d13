using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Mmm.Science.Data;

/// <summary>
/// Reads the region and date of every row and rejects nulls and unparseable dates. Regions are ordered
/// ordinally by name, or numerically when the region column is an integer; without a region column
/// every row belongs to the one region "all".
/// </summary>
internal static class RowKeyReader
{
    public const string SingleRegionName = "all";

    public static async Task<RowKeys> ReadAsync(ParquetReader reader, ResolvedColumns columns, int rowCount, string source, CancellationToken ct)
    {
        var dates = new DateOnly?[rowCount];
        var unparsedDates = new Dictionary<int, string>();
        var regionTexts = columns.Region is { } r && ColumnTypes.IsString(r) ? new string?[rowCount] : null;
        var regionIds = columns.Region is { } ri && ColumnTypes.IsInteger(ri) ? new Int128?[rowCount] : null;

        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = ParquetGuard.Run(source, () => reader.OpenRowGroupReader(g));
            var dateColumn = await ParquetGuard.RunAsync(source, () => ParquetColumnReader.ReadDatesAsync(group, columns.Date, ct));
            dateColumn.Values.CopyTo(dates, offset);
            if (dateColumn.FirstUnparsed is { } bad) unparsedDates[offset + bad.Index] = bad.Text;

            if (regionTexts is not null)
                (await ParquetGuard.RunAsync(source, () => ParquetColumnReader.ReadStringsAsync(group, columns.Region!, ct))).CopyTo(regionTexts, offset);
            if (regionIds is not null)
                (await ParquetGuard.RunAsync(source, () => ParquetColumnReader.ReadIntegersAsync(group, columns.Region!, ct))).CopyTo(regionIds, offset);
            offset += checked((int)group.RowCount);
        }

        var regionOfRowText = regionTexts ?? regionIds?.Select(id => id?.ToString(CultureInfo.InvariantCulture)).ToArray();
        var dateColumnName = columns.Date.Name;
        for (var row = 0; row < rowCount; row++)
        {
            var region = regionOfRowText?[row] ?? (regionOfRowText is null ? SingleRegionName : null);
            if (dates[row] is null)
            {
                var detail = unparsedDates.TryGetValue(row, out var text)
                    ? $"column '{dateColumnName}' has '{text}', which is not a date in yyyy-MM-dd form, {PanelInputException.Where(region, null, row)}"
                    : $"column '{dateColumnName}' has a null value {PanelInputException.Where(region, null, row)}";
                throw new PanelInputException(ErrorCodes.InvalidValue, source, detail, dateColumnName, region, null, row);
            }
            if (region is null)
                throw new PanelInputException(ErrorCodes.InvalidValue, source,
                    $"column '{columns.Region!.Name}' has a null value {PanelInputException.Where(null, dates[row], row)}",
                    columns.Region.Name, null, dates[row], row);
        }

        var (names, regionOfRow) = regionIds is not null ? IndexIntegers(regionIds)
            : regionTexts is not null ? IndexStrings(regionTexts)
            : ([SingleRegionName], new int[rowCount]);
        return new RowKeys(names, regionOfRow, Array.ConvertAll(dates, d => d!.Value));
    }

    private static (IReadOnlyList<string>, int[]) IndexStrings(string?[] regions)
    {
        var names = regions.Distinct().Order(StringComparer.Ordinal).ToList();
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n!, p => p.i, StringComparer.Ordinal);
        return (names!, Array.ConvertAll(regions, r => index[r!]));
    }

    private static (IReadOnlyList<string>, int[]) IndexIntegers(Int128?[] regions)
    {
        var ids = regions.Distinct().Order().ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id!.Value, p => p.i);
        return (ids.Select(id => id!.Value.ToString(CultureInfo.InvariantCulture)).ToList(), Array.ConvertAll(regions, r => index[r!.Value]));
    }
}
