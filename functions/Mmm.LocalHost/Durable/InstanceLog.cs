namespace Mmm.LocalHost.Durable;

/// <summary>
/// One instance's row and history as last read or written, and the single path by which they change:
/// <see cref="AppendAsync"/> numbers new events, writes them to the history table, then (optionally) the
/// instance row, one caller at a time. Once the row says Completed, Failed or Terminated nothing more is
/// appended, which is how a terminate and a finishing run settle who wins. Sequence numbers are added (never
/// replaced) and the row update is conditional on its ETag, so a second writer elsewhere makes this one fail
/// rather than overwrite (the driver then reloads).
/// </summary>
internal sealed class InstanceLog
{
    private readonly DurableStore store;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<HistoryEvent> events;

    private InstanceLog(DurableStore store, InstanceRecord record, List<HistoryEvent> events)
    {
        this.store = store;
        Record = record;
        this.events = events;
    }

    public string InstanceId => Record.InstanceId;

    public InstanceRecord Record { get; private set; }

    /// <summary>Reads the row and history; null when the instance does not exist.</summary>
    public static async Task<InstanceLog?> LoadAsync(DurableStore store, string instanceId, CancellationToken ct)
    {
        var record = await store.GetInstanceAsync(instanceId, ct);
        if (record is null) return null;
        return new InstanceLog(store, record, await store.ReadHistoryAsync(instanceId, ct));
    }

    /// <summary>A copy of the history (activities append ActivityStarted concurrently).</summary>
    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        lock (events) return events.ToArray();
    }

    /// <summary>
    /// Appends <paramref name="newEvents"/> and then applies <paramref name="update"/> to the row (LastUpdatedTime
    /// is set here). Returns false, writing nothing, when the instance has already finished.
    /// </summary>
    public async Task<bool> AppendAsync(IReadOnlyList<HistoryEvent> newEvents, Func<InstanceRecord, InstanceRecord>? update, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (Record.IsFinished) return false;
            if (newEvents.Count > 0)
            {
                long next;
                lock (events) next = events.Count == 0 ? 0 : events[^1].Sequence + 1;
                var numbered = newEvents.Select((e, i) => e with { Sequence = next + i }).ToList();
                await store.AppendHistoryAsync(InstanceId, numbered, ct);
                lock (events) events.AddRange(numbered);
            }
            if (update is not null)
                Record = await store.UpdateInstanceAsync(update(Record) with { LastUpdatedTime = HistoryEvent.UtcNow() }, ct);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// After a crash between writing a terminal history event and the row: makes the row say what history says.
    /// </summary>
    public async Task RepairFinishedRowAsync(HistoryEvent terminal, CancellationToken ct)
    {
        await AppendAsync([], record => FinishedRecord(record, terminal, record.CustomStatus), ct);
    }

    /// <summary>The row of an instance that ended with <paramref name="terminal"/> (ExecutionCompleted/Failed/Terminated).</summary>
    public static InstanceRecord FinishedRecord(InstanceRecord record, HistoryEvent terminal, string? customStatus) => terminal.EventType switch
    {
        HistoryEventTypes.ExecutionCompleted => record with { Status = RuntimeStatus.Completed, Output = terminal.Result, CustomStatus = customStatus },
        HistoryEventTypes.ExecutionFailed => record with
        {
            Status = RuntimeStatus.Failed,
            Output = DurableJson.Serialize(terminal.Message ?? ""),
            CustomStatus = customStatus,
            FailureType = terminal.ErrorType,
            FailureMessage = terminal.Message,
        },
        HistoryEventTypes.ExecutionTerminated => record with
        {
            Status = RuntimeStatus.Terminated,
            Output = DurableJson.Serialize(terminal.Message ?? ""),
            CustomStatus = customStatus,
        },
        _ => throw new ArgumentException($"{terminal.EventType} is not a terminal event", nameof(terminal)),
    };
}
