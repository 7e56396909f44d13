using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Mmm.Science.Data;

/// <summary>
/// Reads KPI, media and control values into the panel's flat arrays (row-major, absent cells 0) and
/// rejects null, NaN/Inf, negative media, constant or all-zero media channels, and controls that are
/// constant over the training weeks.
/// </summary>
internal static class PanelValueReader
{
    /// <param name="trainingWeeks">The periods the model is fitted on (<see cref="TrainingWeeks"/>); a control must vary there.</param>
    public static async Task<Panel> ReadAsync(
        ParquetReader reader, ResolvedColumns columns, RowKeys keys, PanelCalendar calendar, (int First, int End) trainingWeeks,
        IReadOnlyDictionary<string, double> costPerUnit, string source, CancellationToken ct)
    {
        int regions = keys.RegionNames.Count, periods = calendar.Dates.Count;
        int channels = columns.Media.Count, controls = columns.Controls.Count;
        var cellOfRow = new int[keys.RowCount];
        var present = new bool[regions * periods];
        for (var row = 0; row < keys.RowCount; row++)
        {
            cellOfRow[row] = keys.RegionOfRow[row] * periods + calendar.PeriodOfRow[row];
            present[cellOfRow[row]] = true;
        }

        var kpi = new double[regions * periods];
        var media = new double[regions * periods * channels];
        var controlValues = new double[regions * periods * controls];
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = ParquetGuard.Run(source, () => reader.OpenRowGroupReader(g));
            var scatter = new Scatter(keys, cellOfRow, offset, source);
            scatter.Into(kpi, 1, 0, columns.Kpi, await ReadAsync(group, columns.Kpi), isMedia: false);
            for (var c = 0; c < channels; c++)
                scatter.Into(media, channels, c, columns.Media[c], await ReadAsync(group, columns.Media[c]), isMedia: true);
            for (var k = 0; k < controls; k++)
                scatter.Into(controlValues, controls, k, columns.Controls[k], await ReadAsync(group, columns.Controls[k]), isMedia: false);
            offset += checked((int)group.RowCount);
        }

        for (var c = 0; c < channels; c++)
            RejectConstant(media, channels, c, present, columns.Media[c].Name, source);
        for (var k = 0; k < controls; k++)
            RejectConstantControl(controlValues, controls, k, present, periods, trainingWeeks, calendar.Dates, columns.Controls[k].Name, source);

        return new Panel
        {
            Source = source,
            Regions = keys.RegionNames,
            Dates = calendar.Dates,
            StepDays = calendar.StepDays,
            KpiName = columns.Kpi.Name,
            Channels = columns.Media.Select(m => m.Name).ToList(),
            Controls = columns.Controls.Select(c => c.Name).ToList(),
            Kpi = kpi,
            Media = media,
            ControlValues = controlValues,
            Present = present,
            IgnoredColumns = columns.Ignored,
            CostPerUnit = costPerUnit,
        };

        Task<double?[]> ReadAsync(ParquetRowGroupReader group, DataField field) =>
            ParquetGuard.RunAsync(source, () => ParquetColumnReader.ReadNumbersAsync(group, field, ct));
    }

    /// <summary>Copies one row group's column into a flat array, checking each value.</summary>
    private sealed class Scatter(RowKeys keys, int[] cellOfRow, int rowOffset, string source)
    {
        public void Into(double[] target, int stride, int index, DataField field, double?[] values, bool isMedia)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var row = rowOffset + i;
                if (values[i] is not { } value)
                    throw Bad(ErrorCodes.InvalidValue, field, row, "a null value");
                if (!double.IsFinite(value))
                    throw Bad(ErrorCodes.InvalidValue, field, row, $"a non-finite value ({Format(value)})");
                if (isMedia && value < 0)
                    throw Bad(ErrorCodes.NegativeMedia, field, row, $"a negative value ({Format(value)})");
                target[cellOfRow[row] * stride + index] = value;
            }
        }

        private PanelInputException Bad(string code, DataField field, int row, string what)
        {
            var region = keys.RegionNames[keys.RegionOfRow[row]];
            var date = keys.DateOfRow[row];
            return new PanelInputException(code, source,
                $"column '{field.Name}' has {what} {PanelInputException.Where(region, date, row)}",
                field.Name, region, date, row);
        }
    }

    private static void RejectConstant(double[] media, int channels, int channel, bool[] present, string name, string source)
    {
        double? first = null;
        for (var cell = 0; cell < present.Length; cell++)
        {
            if (!present[cell]) continue;
            var value = media[cell * channels + channel];
            if (first is null) first = value;
            else if (value != first) return;
        }
        var detail = first is null or 0
            ? $"media column '{name}' is all zero, so its effect cannot be estimated"
            : $"media column '{name}' is constant ({Format(first.Value)}) in every row, so its effect cannot be estimated";
        throw new PanelInputException(ErrorCodes.ConstantChannel, source, detail, column: name);
    }

    /// <summary>
    /// A control that does not vary over the training weeks carries no information the model can fit, and
    /// its scaled column has zero spread (the stable-coefficient initialisation divides by it).
    /// </summary>
    private static void RejectConstantControl(double[] values, int controls, int control, bool[] present, int periods,
        (int First, int End) weeks, IReadOnlyList<DateOnly> dates, string name, string source)
    {
        double? first = null;
        for (var cell = 0; cell < present.Length; cell++)
        {
            var period = cell % periods;
            if (!present[cell] || period < weeks.First || period >= weeks.End) continue;
            var value = values[cell * controls + control];
            if (first is null) first = value;
            else if (value != first) return;
        }
        if (first is null) return; // no present training cell: nothing to fit, and nothing to divide by
        throw new PanelInputException(ErrorCodes.ConstantControl, source,
            $"control column '{name}' is constant ({Format(first.Value)}) over the training weeks {PanelInputException.FormatDate(dates[weeks.First])} to {PanelInputException.FormatDate(dates[weeks.End - 1])}, so its effect cannot be estimated; drop the column or leave it out of the run config key 'controls'",
            column: name);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
