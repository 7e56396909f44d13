using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mmm.LocalHost.Durable;

/// <summary>
/// The one System.Text.Json configuration of the executor: web defaults (camelCase, case-insensitive) plus
/// NaN/Infinity as named literals, because training records carry doubles such as an initial h of +Infinity.
/// Every input, result, output and custom status goes through here, so what the orchestrator sees after a
/// replay is exactly what it would see after a round trip through storage.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises with the runtime type of the value (null stays null, not "null").</summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T? Deserialize<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    public static JsonNode? ToNode(string? json) => json is null ? null : JsonNode.Parse(json);
}
