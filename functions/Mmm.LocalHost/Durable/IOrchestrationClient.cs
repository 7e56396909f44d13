using System.Text.Json.Nodes;

namespace Mmm.LocalHost.Durable;

/// <summary>The runtime status names of Durable Functions (OrchestrationRuntimeStatus).</summary>
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
    IReadOnlyList<JsonObject>? HistoryEvents = null);

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

public enum TerminateOutcome { Terminated, NotFound, AlreadyFinished }

/// <summary>
/// The client side of the local durable executor, shaped like Durable Task's DurableTaskClient so the
/// management API maps onto it the way the Functions host's built-in API maps onto the real one.
/// </summary>
public interface IOrchestrationClient
{
    /// <summary>Schedules an orchestration with this id; when the id already exists nothing new starts (returns false).</summary>
    Task<bool> StartAsync(string orchestratorName, string instanceId, object? input, CancellationToken ct = default);

    Task<InstanceState?> GetAsync(string instanceId, bool showInput = true, bool showHistory = false, bool showHistoryOutput = false,
        CancellationToken ct = default);

    Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken ct = default);

    Task<TerminateOutcome> TerminateAsync(string instanceId, string? reason, CancellationToken ct = default);

    /// <summary>Deletes a finished instance and its history; false when there is none (or it is still running).</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken ct = default);
}
