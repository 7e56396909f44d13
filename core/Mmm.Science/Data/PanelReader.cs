using Parquet;

namespace Mmm.Science.Data;

/// <summary>
/// Reads and validates a Parquet panel (docs/contract.md) into a <see cref="Panel"/>. Bad input raises
/// <see cref="PanelInputException"/>; the input stream is only read, never written or closed.
/// </summary>
public static class PanelReader
{
    /// <summary>Key-value metadata key that may hold the run config inside the Parquet file.</summary>
    public const string ConfigMetadataKey = "mmm.config";

    /// <param name="config">The run config; when null, the file's <see cref="ConfigMetadataKey"/> metadata if any, else defaults.</param>
    public static async Task<PanelReadResult> ReadAsync(
        Stream parquet, string sourceName, RunConfig? config = null, PanelLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= PanelLimits.Default;
        var input = await SizeLimitedInput.OpenAsync(parquet, sourceName, limits, ct);
        try
        {
            await using var reader = await ParquetGuard.RunAsync(sourceName,
                () => ParquetReader.CreateAsync(input, new ParquetOptions { UseDateOnlyTypeForDates = true }, leaveStreamOpen: true, ct));

            config ??= ConfigFromMetadata(reader, sourceName) ?? RunConfig.Default;
            var rowCount = CheckShapeLimits(reader, sourceName, limits);
            var columns = ColumnRoleResolver.Resolve(reader.Schema, config.Roles, sourceName);
            ChannelCosts.CheckAgainst(config.CostPerUnit, columns.Media.Select(m => m.Name).ToList(), sourceName);
            var keys = await RowKeyReader.ReadAsync(reader, columns, rowCount, sourceName, ct);
            var calendar = PanelCalendar.Build(keys, sourceName);
            RejectTooShort(calendar, config, sourceName);
            var weeks = TrainingWeeks.Of(calendar.Dates.Count, config.Options);
            var panel = await PanelValueReader.ReadAsync(reader, columns, keys, calendar, weeks, config.CostPerUnit, sourceName, ct);
            if (config.LiftTests.Count > 0) panel = panel.WithLiftTests(config.LiftTests, sourceName);
            if (config.RoiPriors.Count > 0) panel = panel.WithRoiPriors(config.RoiPriors, config.Options, sourceName);
            return new PanelReadResult(panel, config);
        }
        finally
        {
            if (!ReferenceEquals(input, parquet)) await input.DisposeAsync();
        }
    }

    private static RunConfig? ConfigFromMetadata(ParquetReader reader, string sourceName) =>
        reader.CustomMetadata is { } metadata && metadata.TryGetValue(ConfigMetadataKey, out var json)
            ? RunConfig.Parse(json, $"{sourceName} ({ConfigMetadataKey})")
            : null;

    private static int CheckShapeLimits(ParquetReader reader, string sourceName, PanelLimits limits)
    {
        var columns = reader.Schema.Fields.Count;
        if (columns > limits.MaxColumns)
            throw new PanelInputException(ErrorCodes.TooLarge, sourceName,
                $"the file has {columns} columns, more than the limit of {limits.MaxColumns}");
        var rows = reader.RowGroups.Sum(g => g.RowCount);
        if (rows > limits.MaxRows)
            throw new PanelInputException(ErrorCodes.TooLarge, sourceName,
                $"the file has {rows} rows, more than the limit of {limits.MaxRows}");
        return checked((int)rows);
    }

    /// <summary>Training needs burn-in + holdout + 8 periods on the shared calendar; one short ragged region is only masked.</summary>
    private static void RejectTooShort(PanelCalendar calendar, RunConfig config, string sourceName)
    {
        var periods = calendar.Dates.Count;
        var holdout = (int)Math.Floor(periods * config.Options.HoldoutRatio);
        var needed = config.Options.BurnInWeeks + holdout + 8;
        if (periods < needed)
            throw new PanelInputException(ErrorCodes.TooShort, sourceName,
                $"the panel calendar has {periods} periods, fewer than the {needed} needed to train (burn-in {config.Options.BurnInWeeks} + holdout {holdout} + 8)");
    }
}
