using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// An instance's history as Durable Functions' status route shows it with <c>showHistory=true</c>: the
/// engine's bookkeeping events (episode start and end, task and timer creation) are left out, each completed or
/// failed task carries the name and scheduling time of its TaskScheduled event, and payloads (inputs, results)
/// appear only with <c>showHistoryOutput=true</c>, as JSON values.
/// </summary>
internal static class HistoryJson
{
    /// <param name="history">The engine's history: a JSON array of DurableTask.Core history events (numeric EventType).</param>
    public static IReadOnlyList<JsonObject> From(string history, bool showOutputs)
    {
        var events = JsonNode.Parse(history)?.AsArray() ?? [];
        var scheduled = new Dictionary<int, JsonObject>();
        var result = new List<JsonObject>();
        foreach (var node in events)
        {
            if (node is not JsonObject e || e["EventType"]?.GetValue<int>() is not int code) continue;
            var type = (EventType)code;
            switch (type)
            {
                case EventType.TaskScheduled:
                    scheduled[e["EventId"]!.GetValue<int>()] = e;
                    continue;
                case EventType.OrchestratorStarted or EventType.OrchestratorCompleted or EventType.TimerCreated
                    or EventType.SubOrchestrationInstanceCreated or EventType.EventSent:
                    continue;
            }
            var json = new JsonObject { ["EventType"] = type.ToString(), ["Timestamp"] = Time(e["Timestamp"]) };
            switch (type)
            {
                case EventType.ExecutionStarted:
                    json["FunctionName"] = (string?)e["Name"];
                    if (showOutputs) json["Input"] = Payload(e["Input"]);
                    break;
                case EventType.TaskCompleted or EventType.TaskFailed:
                    if (e["TaskScheduledId"]?.GetValue<int>() is int id && scheduled.TryGetValue(id, out var task))
                    {
                        json["FunctionName"] = (string?)task["Name"];
                        json["ScheduledTime"] = Time(task["Timestamp"]);
                    }
                    if (type == EventType.TaskFailed)
                        json["Reason"] = (string?)e["FailureDetails"]?["ErrorMessage"] ?? (string?)e["Reason"];
                    else if (showOutputs)
                        json["Result"] = Payload(e["Result"]);
                    break;
                case EventType.EventRaised:
                    json["Name"] = (string?)e["Name"];
                    if (showOutputs) json["Input"] = Payload(e["Input"]);
                    break;
                case EventType.TimerFired:
                    json["FireAt"] = Time(e["FireAt"]);
                    break;
                case EventType.ExecutionCompleted:
                    json["OrchestrationStatus"] = ((DurableTask.Core.OrchestrationStatus)(e["OrchestrationStatus"]?.GetValue<int>() ?? 0)).ToString();
                    if (showOutputs) json["Result"] = Payload(e["Result"]);
                    break;
                case EventType.ExecutionTerminated or EventType.ExecutionSuspended or EventType.ExecutionResumed:
                    json["Reason"] = Payload(e["Input"] ?? e["Reason"]);
                    break;
            }
            result.Add(json);
        }
        return result;
    }

    private static JsonNode? Payload(JsonNode? text) => text?.GetValueKind() == JsonValueKind.String ? InstanceStatusJson.Parse((string?)text) : text?.DeepClone();

    private static string? Time(JsonNode? time) =>
        (string?)time is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : (string?)time;
}
