using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// The body of Durable Functions' <c>GET /runtime/webhooks/durabletask/instances/{id}</c>: name, instanceId,
/// runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime (<c>yyyy-MM-ddTHH:mm:ssZ</c>).
/// Built from the already serialized pieces that an orchestration client returns (OrchestrationMetadata's
/// SerializedInput/SerializedCustomStatus/SerializedOutput), so any host answers with the same JSON.
/// </summary>
public static class InstanceStatusJson
{
    public static JsonObject Build(string name, string instanceId, string runtimeStatus, string? serializedInput,
        string? serializedCustomStatus, string? serializedOutput, DateTimeOffset createdTime, DateTimeOffset lastUpdatedTime) =>
        Build(name, instanceId, runtimeStatus, Parse(serializedInput), Parse(serializedCustomStatus), Parse(serializedOutput),
            createdTime, lastUpdatedTime);

    /// <summary>The same body from JSON values a host already holds (they are embedded, not copied).</summary>
    public static JsonObject Build(string name, string instanceId, string runtimeStatus, JsonNode? input, JsonNode? customStatus,
        JsonNode? output, DateTimeOffset createdTime, DateTimeOffset lastUpdatedTime) => new()
    {
        ["name"] = name,
        ["instanceId"] = instanceId,
        ["runtimeStatus"] = runtimeStatus,
        ["input"] = input,
        ["customStatus"] = customStatus,
        ["output"] = output,
        ["createdTime"] = Time(createdTime),
        ["lastUpdatedTime"] = Time(lastUpdatedTime),
    };

    /// <summary>
    /// The management API's status code for a known instance: 202 while Running, Pending or Suspended
    /// (poll again), 200 once Completed, Failed or Terminated.
    /// </summary>
    public static int HttpStatusCode(string runtimeStatus) =>
        runtimeStatus is "Running" or "Pending" or "Suspended" ? 202 : 200;

    /// <summary>The contract's time format: UTC, whole seconds, <c>Z</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Serialized JSON as a node; text that is not JSON (e.g. a failure message) as a JSON string; null as null.</summary>
    public static JsonNode? Parse(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized)) return null;
        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }
}
