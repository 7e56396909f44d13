using System.Globalization;

namespace Mmm.Science.Data;

/// <summary>
/// Bad input: the Parquet panel or its run config breaks docs/contract.md. <see cref="Exception.Message"/>
/// is one sentence for users that names the file and where the problem is; hosts catch this type and
/// report <see cref="Code"/> and the message, never a stack trace.
/// </summary>
public sealed class PanelInputException : Exception
{
    public PanelInputException(
        string code, string file, string detail,
        string? column = null, string? region = null, DateOnly? date = null, long? row = null)
        : base($"{file}: {detail}")
    {
        Code = code;
        File = file;
        Column = column;
        Region = region;
        Date = date;
        Row = row;
    }

    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }
    public string File { get; }
    public string? Column { get; }
    public string? Region { get; }
    public DateOnly? Date { get; }
    /// <summary>0-based row index in the file, in file order (row groups concatenated).</summary>
    public long? Row { get; }

    /// <summary>"at region 'r', date d (row n)", leaving out the parts that are unknown.</summary>
    internal static string Where(string? region, DateOnly? date, long? row)
    {
        var parts = new List<string>();
        if (region is not null) parts.Add($"region '{region}'");
        if (date is { } d) parts.Add($"date {FormatDate(d)}");
        var at = parts.Count > 0 ? "at " + string.Join(", ", parts) : "";
        if (row is { } r) at = at.Length > 0 ? $"{at} (row {r})" : $"at row {r}";
        return at;
    }

    internal static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
