namespace Mmm.LocalHost.Durable;

/// <summary>
/// One row of the Instances table: what the status route shows about an instance. Payloads are JSON text;
/// on failure <see cref="Output"/> is the error message as a JSON string (Durable Functions' shape) and the
/// failure fields keep the exception type and message.
/// </summary>
public sealed record InstanceRecord(string InstanceId, string Name, RuntimeStatus Status, DateTime CreatedTime, DateTime LastUpdatedTime)
{
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public string? FailureType { get; init; }
    public string? FailureMessage { get; init; }

    /// <summary>The table row's ETag when read: updates are conditional on it, so two writers cannot silently overwrite each other.</summary>
    internal string? ETag { get; init; }

    public bool IsFinished => Status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;

    public InstanceState ToState(bool showInput, IReadOnlyList<System.Text.Json.Nodes.JsonObject>? history) => new(
        Name, InstanceId, Status,
        showInput ? DurableJson.ToNode(Input) : null,
        DurableJson.ToNode(CustomStatus),
        DurableJson.ToNode(Output),
        CreatedTime, LastUpdatedTime, history);
}
