namespace Mmm.Science.Data;

/// <summary>
/// The shared calendar of a panel: every date from the earliest to the latest in steps of
/// <see cref="StepDays"/>, and the period of each input row on it.
/// </summary>
internal sealed record PanelCalendar(IReadOnlyList<DateOnly> Dates, int StepDays, int[] PeriodOfRow)
{
    /// <summary>Used when the file has no two distinct dates to infer a step from.</summary>
    public const int DefaultStepDays = 7;

    /// <summary>
    /// Infers the step as the smallest positive difference between consecutive dates within a region,
    /// then checks that every region is a run of consecutive steps on one shared anchor: duplicate rows,
    /// holes (gap) and off-step dates (uneven_spacing) are rejected.
    /// </summary>
    public static PanelCalendar Build(RowKeys keys, string source)
    {
        if (keys.RowCount == 0) return new PanelCalendar([], DefaultStepDays, []);

        var rowsByRegion = SortedRowsByRegion(keys);
        RejectDuplicates(keys, rowsByRegion, source);
        var (step, stepOrigin) = InferStep(keys, rowsByRegion);
        var anchor = keys.DateOfRow.Min();
        for (var region = 0; region < rowsByRegion.Length; region++)
            RejectHolesAndMisalignment(keys, region, rowsByRegion[region], step, stepOrigin, anchor, source);

        var last = keys.DateOfRow.Max();
        var periods = (last.DayNumber - anchor.DayNumber) / step + 1;
        var dates = Enumerable.Range(0, periods).Select(p => anchor.AddDays(p * step)).ToList();
        var periodOfRow = Array.ConvertAll(keys.DateOfRow, d => (d.DayNumber - anchor.DayNumber) / step);
        return new PanelCalendar(dates, step, periodOfRow);
    }

    private static int[][] SortedRowsByRegion(RowKeys keys)
    {
        var lists = Enumerable.Range(0, keys.RegionNames.Count).Select(_ => new List<int>()).ToArray();
        for (var row = 0; row < keys.RowCount; row++) lists[keys.RegionOfRow[row]].Add(row);
        // Stable by date, so of two duplicate rows the earlier one in the file comes first.
        return lists.Select(rows => rows.OrderBy(r => keys.DateOfRow[r]).ToArray()).ToArray();
    }

    private static void RejectDuplicates(RowKeys keys, int[][] rowsByRegion, string source)
    {
        for (var region = 0; region < rowsByRegion.Length; region++)
        {
            var rows = rowsByRegion[region];
            for (var i = 1; i < rows.Length; i++)
            {
                var date = keys.DateOfRow[rows[i]];
                if (date != keys.DateOfRow[rows[i - 1]]) continue;
                var name = keys.RegionNames[region];
                throw new PanelInputException(ErrorCodes.DuplicateRow, source,
                    $"region '{name}' has two rows for date {PanelInputException.FormatDate(date)} (rows {rows[i - 1]} and {rows[i]})",
                    region: name, date: date, row: rows[i]);
            }
        }
    }

    /// <summary>The step, and where it was seen (to explain spacing errors that a stray date causes elsewhere).</summary>
    private static (int Days, string Origin) InferStep(RowKeys keys, int[][] rowsByRegion)
    {
        var step = int.MaxValue;
        var origin = "";
        for (var region = 0; region < rowsByRegion.Length; region++)
        {
            var rows = rowsByRegion[region];
            for (var i = 1; i < rows.Length; i++)
            {
                var days = keys.DateOfRow[rows[i]].DayNumber - keys.DateOfRow[rows[i - 1]].DayNumber;
                if (days >= step) continue;
                step = days;
                origin = $"the smallest spacing, seen in region '{keys.RegionNames[region]}' at {Format(keys.DateOfRow[rows[i]])}";
            }
        }
        if (step != int.MaxValue) return (step, origin);

        // Every region has one row: fall back to the spacing of the distinct dates across regions.
        var distinct = keys.DateOfRow.Distinct().Order().ToArray();
        return distinct.Length > 1
            ? (Enumerable.Range(1, distinct.Length - 1).Min(i => distinct[i].DayNumber - distinct[i - 1].DayNumber), "the smallest spacing between dates")
            : (DefaultStepDays, "the default");
    }

    private static void RejectHolesAndMisalignment(RowKeys keys, int region, int[] rows, int step, string stepOrigin, DateOnly anchor, string source)
    {
        var name = keys.RegionNames[region];
        var first = keys.DateOfRow[rows[0]];
        if ((first.DayNumber - anchor.DayNumber) % step != 0)
            throw new PanelInputException(ErrorCodes.UnevenSpacing, source,
                $"region '{name}' starts on {Format(first)} (row {rows[0]}), which is not on the shared calendar that starts on {Format(anchor)} with a step of {step} days ({stepOrigin})",
                region: name, date: first, row: rows[0]);

        for (var i = 1; i < rows.Length; i++)
        {
            var previous = keys.DateOfRow[rows[i - 1]];
            var date = keys.DateOfRow[rows[i]];
            var days = date.DayNumber - previous.DayNumber;
            if (days == step) continue;
            if (days % step == 0)
            {
                var missing = previous.AddDays(step);
                throw new PanelInputException(ErrorCodes.Gap, source,
                    $"region '{name}' has no row for date {Format(missing)} (a gap between {Format(previous)} at row {rows[i - 1]} and {Format(date)} at row {rows[i]}; the step is {step} days)",
                    region: name, date: missing);
            }
            throw new PanelInputException(ErrorCodes.UnevenSpacing, source,
                $"region '{name}' has dates {Format(previous)} (row {rows[i - 1]}) and {Format(date)} (row {rows[i]}) {days} days apart, which is not a multiple of the panel's step of {step} days ({stepOrigin})",
                region: name, date: date, row: rows[i]);
        }
    }

    private static string Format(DateOnly date) => PanelInputException.FormatDate(date);
}
