using System.Text.Json.Nodes;

namespace Mmm.LocalHost.Engine;

/// <summary>The runtime status names of Durable Functions (OrchestrationRuntimeStatus, without the obsolete ones).</summary>
public enum RuntimeStatus { Pending, Running, Completed, Failed, Terminated, Suspended }

/// <summary>One orchestration instance as the management API shows it (Durable Functions' JSON shape).</summary>
public sealed record InstanceState(
    string Name,
    string InstanceId,
    RuntimeStatus RuntimeStatus,
    JsonNode? Input,
    JsonNode? CustomStatus,
    JsonNode? Output,
    DateTime CreatedTime,
    DateTime LastUpdatedTime,
    IReadOnlyList<JsonObject>? HistoryEvents = null)
{
    public bool IsFinished => RuntimeStatus is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;
}

/// <summary>A query of the list route: prefix, statuses, creation window, page size and continuation.</summary>
public sealed record InstanceQuery(
    string? InstanceIdPrefix = null,
    IReadOnlyCollection<RuntimeStatus>? Statuses = null,
    DateTime? CreatedFrom = null,
    DateTime? CreatedTo = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    bool ShowInput = true);

public sealed record InstancePage(IReadOnlyList<InstanceState> Instances, string? ContinuationToken);

/// <summary>What became of an operation on one instance (terminate, suspend, resume, raise event).</summary>
public enum InstanceOperationOutcome { Accepted, NotFound, AlreadyFinished }

/// <summary>
/// What the management API, the blob watcher and the HTTP starter need from the engine, shaped like Durable
/// Task's clients so the routes map onto it the way the Functions host's built-in API maps onto its client.
/// <see cref="EngineClient"/> is it over DurableTask.Core's TaskHubClient.
/// </summary>
public interface IOrchestrationClient
{
    /// <summary>Starts an orchestration with this id; when the id exists in any state, nothing starts (returns false).</summary>
    Task<bool> StartAsync(string orchestratorName, string instanceId, object? input, CancellationToken ct = default);

    Task<InstanceState?> GetAsync(string instanceId, bool showInput = true, bool showHistory = false, bool showHistoryOutput = false,
        CancellationToken ct = default);

    Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken ct = default);

    Task<InstanceOperationOutcome> TerminateAsync(string instanceId, string? reason, CancellationToken ct = default);

    Task<InstanceOperationOutcome> SuspendAsync(string instanceId, string? reason, CancellationToken ct = default);

    Task<InstanceOperationOutcome> ResumeAsync(string instanceId, string? reason, CancellationToken ct = default);

    Task<InstanceOperationOutcome> RaiseEventAsync(string instanceId, string eventName, JsonNode? eventData, CancellationToken ct = default);

    /// <summary>Deletes a finished instance and its history; false when there is none (or it is still running).</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken ct = default);
}
