using System.Text.Json.Nodes;

namespace Mmm.Science.Results;

/// <summary>The content of error.json, written by a failed run instead of _SUCCESS.</summary>
public sealed record ErrorReport(string Code, string Message, JsonNode? Details, string? InstanceId);
