using System.Text.Json.Nodes;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Durable;

/// <summary>The event types of an instance's history (Durable Task's names, plus ActivityStarted).</summary>
public static class HistoryEventTypes
{
    public const string ExecutionStarted = nameof(ExecutionStarted);
    public const string TaskScheduled = nameof(TaskScheduled);
    /// <summary>An activity attempt actually began (written before the activity code runs; replay ignores it).</summary>
    public const string ActivityStarted = nameof(ActivityStarted);
    public const string TaskCompleted = nameof(TaskCompleted);
    public const string TaskFailed = nameof(TaskFailed);
    public const string TimerCreated = nameof(TimerCreated);
    public const string TimerFired = nameof(TimerFired);
    public const string ExecutionCompleted = nameof(ExecutionCompleted);
    public const string ExecutionFailed = nameof(ExecutionFailed);
    public const string ExecutionTerminated = nameof(ExecutionTerminated);

    public static bool IsTerminal(string type) => type is ExecutionCompleted or ExecutionFailed or ExecutionTerminated;

    /// <summary>Events that finish a scheduled task or timer (what the orchestrator waits for).</summary>
    public static bool IsTaskOutcome(string type) => type is TaskCompleted or TaskFailed or TimerFired;
}

/// <summary>
/// One row of an instance's history. <see cref="Sequence"/> is its position (the table's RowKey); it is -1
/// until the event is appended. Payloads (<see cref="Input"/>, <see cref="Result"/>) are JSON text.
/// Which optional fields are set depends on <see cref="EventType"/>:
/// ExecutionStarted {Name, Input}; TaskScheduled {TaskId, Name, Input, Retry}; ActivityStarted {TaskId, Name, Attempt};
/// TaskCompleted {TaskId, Result}; TaskFailed {TaskId, ErrorType, Message}; TimerCreated {TaskId, FireAt};
/// TimerFired {TaskId, FireAt}; ExecutionCompleted {Result}; ExecutionFailed {ErrorType, Message}; ExecutionTerminated {Message}.
/// </summary>
public sealed record HistoryEvent(long Sequence, string EventType, DateTime Timestamp)
{
    public int? TaskId { get; init; }
    public string? Name { get; init; }
    public string? Input { get; init; }
    public string? Result { get; init; }
    public string? ErrorType { get; init; }
    public string? Message { get; init; }
    public DateTime? FireAt { get; init; }
    public int? Attempt { get; init; }
    public RetryPolicy? Retry { get; init; }

    /// <summary>Now in UTC, cut to whole milliseconds so that a timestamp read back from a table equals the one written.</summary>
    public static DateTime UtcNow()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    public static HistoryEvent New(string eventType) => new(-1, eventType, UtcNow());

    /// <summary>The management API's view of this event (camelCase; payloads only when asked).</summary>
    public JsonObject ToJson(bool showPayloads)
    {
        var json = new JsonObject
        {
            ["eventType"] = EventType,
            ["sequence"] = Sequence,
            ["timestamp"] = Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        };
        if (TaskId is { } taskId) json["taskId"] = taskId;
        if (Name is not null) json["name"] = Name;
        if (Attempt is { } attempt) json["attempt"] = attempt;
        if (FireAt is { } fireAt) json["fireAt"] = fireAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        if (ErrorType is not null) json["errorType"] = ErrorType;
        if (Message is not null) json["message"] = Message;
        if (showPayloads)
        {
            if (Input is not null) json["input"] = DurableJson.ToNode(Input);
            if (Result is not null) json["result"] = DurableJson.ToNode(Result);
        }
        return json;
    }
}
