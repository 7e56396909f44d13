using System.Text.Json.Nodes;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.Query;
using Mmm.Workflow.Orchestration;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// <see cref="IOrchestrationClient"/> on the engine's own client: DurableTask.Core's <see cref="TaskHubClient"/>
/// for start, status, history, terminate, suspend, resume and events, and the Azure Storage service's query and
/// purge interfaces (explicit interface implementations there) for the list and purge routes.
/// </summary>
internal sealed partial class EngineClient(TaskHubClient client, IOrchestrationServiceQueryClient query, IOrchestrationServicePurgeClient purge,
    IReadOnlyCollection<string> orchestrators) : IOrchestrationClient
{
    /// <summary>Every status: a start with an id that exists in any state is refused, so a finished run never runs again.</summary>
    public static readonly OrchestrationStatus[] DedupeStatuses = Enum.GetValues<OrchestrationStatus>();

    private const string Version = "";

    public async Task<bool> StartAsync(string orchestratorName, string instanceId, object? input, CancellationToken ct = default)
    {
        if (!orchestrators.Contains(orchestratorName))
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));
        try
        {
            await client.CreateOrchestrationInstanceAsync(orchestratorName, Version, instanceId, input, tags: null, DedupeStatuses).WaitAsync(ct);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    public async Task<InstanceState?> GetAsync(string instanceId, bool showInput = true, bool showHistory = false, bool showHistoryOutput = false,
        CancellationToken ct = default)
    {
        var state = await client.GetOrchestrationStateAsync(instanceId).WaitAsync(ct);
        if (state is null) return null;
        IReadOnlyList<JsonObject>? history = null;
        if (showHistory)
            history = HistoryJson.From(await client.GetOrchestrationHistoryAsync(state.OrchestrationInstance).WaitAsync(ct), showHistoryOutput);
        return ToState(state, showInput, history);
    }

    public async Task<InstancePage> ListAsync(InstanceQuery filter, CancellationToken ct = default)
    {
        var result = await query.GetOrchestrationWithQueryAsync(new CoreQuery
        {
            InstanceIdPrefix = filter.InstanceIdPrefix,
            RuntimeStatus = filter.Statuses?.Select(ToCore).ToList(),
            CreatedTimeFrom = filter.CreatedFrom,
            CreatedTimeTo = filter.CreatedTo,
            PageSize = filter.PageSize,
            ContinuationToken = filter.ContinuationToken,
            FetchInputsAndOutputs = filter.ShowInput,
        }, ct);
        return new InstancePage(result.OrchestrationState.Select(s => ToState(s, filter.ShowInput, null)).ToList(),
            string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
    }

    public Task<InstanceOperationOutcome> TerminateAsync(string instanceId, string? reason, CancellationToken ct = default) =>
        OnLiveInstanceAsync(instanceId, instance => client.TerminateInstanceAsync(instance, reason!), ct);

    public Task<InstanceOperationOutcome> SuspendAsync(string instanceId, string? reason, CancellationToken ct = default) =>
        OnLiveInstanceAsync(instanceId, instance => client.SuspendInstanceAsync(instance, reason), ct);

    public Task<InstanceOperationOutcome> ResumeAsync(string instanceId, string? reason, CancellationToken ct = default) =>
        OnLiveInstanceAsync(instanceId, instance => client.ResumeInstanceAsync(instance, reason), ct);

    public Task<InstanceOperationOutcome> RaiseEventAsync(string instanceId, string eventName, JsonNode? eventData, CancellationToken ct = default) =>
        OnLiveInstanceAsync(instanceId, instance => client.RaiseEventAsync(instance, eventName, eventData!), ct);

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken ct = default)
    {
        var state = await client.GetOrchestrationStateAsync(instanceId).WaitAsync(ct);
        if (state is null || !IsFinished(state.OrchestrationStatus)) return false;
        var result = await purge.PurgeInstanceStateAsync(instanceId).WaitAsync(ct);
        return result.DeletedInstanceCount > 0;
    }

    /// <summary>The management API's rule for instance operations: 404 unknown, 410 finished, else do it.</summary>
    private async Task<InstanceOperationOutcome> OnLiveInstanceAsync(string instanceId, Func<OrchestrationInstance, Task> operation, CancellationToken ct)
    {
        var state = await client.GetOrchestrationStateAsync(instanceId).WaitAsync(ct);
        if (state is null) return InstanceOperationOutcome.NotFound;
        if (IsFinished(state.OrchestrationStatus)) return InstanceOperationOutcome.AlreadyFinished;
        await operation(new OrchestrationInstance { InstanceId = instanceId }).WaitAsync(ct);
        return InstanceOperationOutcome.Accepted;
    }

    private static bool IsFinished(OrchestrationStatus status) => ToRuntime(status) is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;

    /// <summary>
    /// The instance as the API shows it: input and custom status as JSON; output the result when Completed, the
    /// failure message when Failed (Durable Functions' shape), the reason when Terminated.
    /// </summary>
    internal static InstanceState ToState(OrchestrationState state, bool showInput, IReadOnlyList<JsonObject>? history)
    {
        var status = ToRuntime(state.OrchestrationStatus);
        var output = status == RuntimeStatus.Failed ? JsonValue.Create(FailureMessage(state)) : InstanceStatusJson.Parse(state.Output);
        return new InstanceState(state.Name, state.OrchestrationInstance.InstanceId, status,
            showInput ? InstanceStatusJson.Parse(state.Input) : null, InstanceStatusJson.Parse(state.Status), output,
            UtcTime.AsUtc(state.CreatedTime), UtcTime.AsUtc(state.LastUpdatedTime), history);
    }

    /// <summary>
    /// The failure message alone, as Durable Task's isolated-worker client reports it (FailureDetails.ErrorMessage).
    /// The Azure Storage provider keeps a failure as "{error type}: {message}" in the instance's output.
    /// </summary>
    internal static string? FailureMessage(OrchestrationState state)
    {
        if (state.FailureDetails is { } failure) return failure.ErrorMessage;
        var output = state.Output;
        if (output is null) return null;
        int colon = output.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && ErrorTypeName().IsMatch(output[..colon]) ? output[(colon + 2)..] : output;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.`+]*$")]
    private static partial System.Text.RegularExpressions.Regex ErrorTypeName();

    internal static RuntimeStatus ToRuntime(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => RuntimeStatus.Pending,
        OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew => RuntimeStatus.Running,
        OrchestrationStatus.Completed => RuntimeStatus.Completed,
        OrchestrationStatus.Failed => RuntimeStatus.Failed,
        OrchestrationStatus.Suspended => RuntimeStatus.Suspended,
        _ => RuntimeStatus.Terminated, // Terminated, and the obsolete Canceled
    };

    private static OrchestrationStatus ToCore(RuntimeStatus status) => status switch
    {
        RuntimeStatus.Pending => OrchestrationStatus.Pending,
        RuntimeStatus.Running => OrchestrationStatus.Running,
        RuntimeStatus.Completed => OrchestrationStatus.Completed,
        RuntimeStatus.Failed => OrchestrationStatus.Failed,
        RuntimeStatus.Suspended => OrchestrationStatus.Suspended,
        _ => OrchestrationStatus.Terminated,
    };
}
