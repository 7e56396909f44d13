using System.Text.Json;

namespace Mmm.Science.Results;

/// <summary>The content of error.json, written by a failed run instead of _SUCCESS (docs/contract.md).</summary>
/// <param name="Code">One of <see cref="Data.ErrorCodes"/>.</param>
/// <param name="Details">Where the error applies (file, column, region, date, row for bad input); null for none.</param>
/// <param name="InstanceId">The run's instance id; null for <c>mmm fit</c>, which runs no orchestration.</param>
public sealed record ErrorReport(string Code, string Message, IReadOnlyDictionary<string, string?>? Details, string? InstanceId)
{
    /// <summary>error.json's text: camelCase and indented, as summary.json.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SummaryJson.Options);
}
