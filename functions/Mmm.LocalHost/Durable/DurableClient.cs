using Azure;

namespace Mmm.LocalHost.Durable;

/// <summary>
/// The <see cref="IOrchestrationClient"/> of a <see cref="DurableExecutor"/>: reads and writes the same tables
/// the executor uses, and hands new instances and terminations to it. Starting writes the Pending row (the
/// idempotency check: an existing id starts nothing) and ExecutionStarted before the executor is told.
/// </summary>
internal sealed class DurableClient(DurableExecutor executor, DurableStore store) : IOrchestrationClient
{
    public async Task<bool> StartAsync(string orchestratorName, string instanceId, object? input, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        ValidateInstanceId(instanceId);
        if (!executor.IsRegisteredOrchestrator(orchestratorName))
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));
        await executor.EnsureStorageAsync(ct);

        var now = HistoryEvent.UtcNow();
        var inputJson = DurableJson.Serialize(input);
        var record = new InstanceRecord(instanceId, orchestratorName, RuntimeStatus.Pending, now, now) { Input = inputJson };
        if (!await store.TryAddInstanceAsync(record, ct)) return false;
        var started = new HistoryEvent(0, HistoryEventTypes.ExecutionStarted, now) { Name = orchestratorName, Input = inputJson };
        try
        {
            await store.AppendHistoryAsync(instanceId, [started], ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A resuming driver saw the Pending row first and wrote the same ExecutionStarted itself.
        }
        executor.Drive(instanceId);
        return true;
    }

    public async Task<InstanceState?> GetAsync(string instanceId, bool showInput = true, bool showHistory = false, bool showHistoryOutput = false,
        CancellationToken ct = default)
    {
        await executor.EnsureStorageAsync(ct);
        var record = await store.GetInstanceAsync(instanceId, ct);
        if (record is null) return null;
        IReadOnlyList<System.Text.Json.Nodes.JsonObject>? history = null;
        if (showHistory)
            history = (await store.ReadHistoryAsync(instanceId, ct)).Select(e => e.ToJson(showHistoryOutput)).ToList();
        return record.ToState(showInput, history);
    }

    public async Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken ct = default)
    {
        await executor.EnsureStorageAsync(ct);
        var (records, token) = await store.QueryInstancesAsync(query, ct);
        return new InstancePage(records.Select(r => r.ToState(query.ShowInput, null)).ToList(), token);
    }

    public async Task<TerminateOutcome> TerminateAsync(string instanceId, string? reason, CancellationToken ct = default)
    {
        await executor.EnsureStorageAsync(ct);
        return await executor.TerminateAsync(instanceId, reason, ct);
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken ct = default)
    {
        await executor.EnsureStorageAsync(ct);
        var record = await store.GetInstanceAsync(instanceId, ct);
        if (record is null || !record.IsFinished) return false;
        // History and blobs first, the row last: a purge cut short leaves a finished row that can be purged again.
        await store.DeleteHistoryAsync(instanceId, ct);
        await store.DeleteInstanceAsync(instanceId, ct);
        return true;
    }

    /// <summary>Instance ids are table partition keys: no '/', '\', '#', '?' or control characters, at most 256 characters.</summary>
    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            throw new ArgumentException($"Instance id '{instanceId}' must be at most 256 characters without '/', '\\', '#', '?' or control characters.",
                nameof(instanceId));
    }
}
