using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mmm.LocalHost.Engine;

namespace Mmm.LocalHost.Tests.Api;

/// <summary>
/// An in-memory <see cref="IOrchestrationClient"/> test double (not an engine: nothing runs). It records every
/// call, keeps instances in a dictionary, pages the list by offset tokens, and can be told to throw on start.
/// </summary>
public sealed class RecordingOrchestrationClient : IOrchestrationClient
{
    public sealed record StartCall(string OrchestratorName, string InstanceId, object? Input);

    private readonly ConcurrentDictionary<string, InstanceState> instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StartCall> starts = new();
    private readonly ConcurrentQueue<InstanceQuery> queries = new();
    private readonly ConcurrentQueue<(string Id, string? Reason)> terminations = new();
    private readonly ConcurrentQueue<(string Id, string Name, string? Data)> events = new();

    /// <summary>When set, StartAsync records the call and then throws this.</summary>
    public Exception? ThrowOnStart { get; set; }

    public IReadOnlyList<StartCall> Starts => starts.ToArray();
    public IReadOnlyList<InstanceQuery> Queries => queries.ToArray();
    public IReadOnlyList<(string Id, string? Reason)> Terminations => terminations.ToArray();
    public IReadOnlyList<(string Id, string Name, string? Data)> Events => events.ToArray();
    public IReadOnlyDictionary<string, InstanceState> Instances => instances;

    /// <summary>The instances that StartAsync created (calls that returned true).</summary>
    public int Created { get; private set; }

    public InstanceState Add(InstanceState state)
    {
        instances[state.InstanceId] = state;
        return state;
    }

    public static InstanceState State(string id, RuntimeStatus status, DateTime? created = null, JsonNode? input = null,
        JsonNode? output = null, JsonNode? customStatus = null, string name = "MmmOrchestrator") =>
        new(name, id, status, input, customStatus, output, created ?? new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc),
            (created ?? new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc)).AddMinutes(5));

    public Task<bool> StartAsync(string orchestratorName, string instanceId, object? input, CancellationToken ct = default)
    {
        starts.Enqueue(new StartCall(orchestratorName, instanceId, input));
        if (ThrowOnStart is { } e) throw e;
        lock (instances)
        {
            if (instances.ContainsKey(instanceId)) return Task.FromResult(false);
            var now = DateTime.UtcNow;
            instances[instanceId] = new InstanceState(orchestratorName, instanceId, RuntimeStatus.Pending,
                input is null ? null : JsonSerializer.SerializeToNode(input), null, null, now, now);
            Created++;
            return Task.FromResult(true);
        }
    }

    public Task<InstanceState?> GetAsync(string instanceId, bool showInput = true, bool showHistory = false, bool showHistoryOutput = false,
        CancellationToken ct = default)
    {
        if (!instances.TryGetValue(instanceId, out var state)) return Task.FromResult<InstanceState?>(null);
        if (!showInput) state = state with { Input = null };
        if (showHistory && state.HistoryEvents is null)
            state = state with { HistoryEvents = [new JsonObject { ["EventType"] = "ExecutionStarted", ["showHistoryOutput"] = showHistoryOutput }] };
        return Task.FromResult<InstanceState?>(state);
    }

    public Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken ct = default)
    {
        queries.Enqueue(query);
        var matching = instances.Values
            .Where(s => query.InstanceIdPrefix is null || s.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
            .Where(s => query.Statuses is null || query.Statuses.Contains(s.RuntimeStatus))
            .Where(s => query.CreatedFrom is null || s.CreatedTime >= query.CreatedFrom)
            .Where(s => query.CreatedTo is null || s.CreatedTime <= query.CreatedTo)
            .OrderBy(s => s.CreatedTime).ThenBy(s => s.InstanceId, StringComparer.Ordinal)
            .Select(s => query.ShowInput ? s : s with { Input = null })
            .ToList();
        int offset = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken, CultureInfo.InvariantCulture);
        var page = matching.Skip(offset).Take(query.PageSize).ToList();
        int next = offset + page.Count;
        return Task.FromResult(new InstancePage(page, next < matching.Count ? next.ToString(CultureInfo.InvariantCulture) : null));
    }

    public Task<InstanceOperationOutcome> TerminateAsync(string instanceId, string? reason, CancellationToken ct = default)
    {
        terminations.Enqueue((instanceId, reason));
        return Operate(instanceId, state => state with { RuntimeStatus = RuntimeStatus.Terminated, Output = reason });
    }

    public Task<InstanceOperationOutcome> SuspendAsync(string instanceId, string? reason, CancellationToken ct = default) =>
        Operate(instanceId, state => state with { RuntimeStatus = RuntimeStatus.Suspended });

    public Task<InstanceOperationOutcome> ResumeAsync(string instanceId, string? reason, CancellationToken ct = default) =>
        Operate(instanceId, state => state with { RuntimeStatus = RuntimeStatus.Running });

    public async Task<InstanceOperationOutcome> RaiseEventAsync(string instanceId, string eventName, JsonNode? eventData, CancellationToken ct = default)
    {
        var outcome = await Operate(instanceId, state => state);
        if (outcome == InstanceOperationOutcome.Accepted) events.Enqueue((instanceId, eventName, eventData?.ToJsonString()));
        return outcome;
    }

    private Task<InstanceOperationOutcome> Operate(string instanceId, Func<InstanceState, InstanceState> change)
    {
        if (!instances.TryGetValue(instanceId, out var state)) return Task.FromResult(InstanceOperationOutcome.NotFound);
        if (state.IsFinished) return Task.FromResult(InstanceOperationOutcome.AlreadyFinished);
        instances[instanceId] = change(state);
        return Task.FromResult(InstanceOperationOutcome.Accepted);
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken ct = default) =>
        Task.FromResult(instances.TryGetValue(instanceId, out var state) && state.IsFinished && instances.TryRemove(instanceId, out _));
}
