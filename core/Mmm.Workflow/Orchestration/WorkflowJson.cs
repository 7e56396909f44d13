using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// The one JSON configuration of everything the orchestration engine stores: orchestration input and output,
/// activity inputs and results, custom status. Both hosts use it (the Functions app as the worker's
/// serializer, the local host as its Durable Task data converter), so the status JSON a user reads has the
/// same keys whichever host wrote it: web defaults (camelCase, case-insensitive reads) plus NaN and
/// Infinity as named literals, because training records carry doubles such as an initial h of +Infinity.
/// </summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serialises with the runtime type of the value (null stays null, not "null").</summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static object? Deserialize(string? json, Type type) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, type, Options);

    public static T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));

    /// <summary>Sets these options on options a host already owns (the Functions worker's global JSON options).</summary>
    public static void ApplyTo(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApplyTo(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
