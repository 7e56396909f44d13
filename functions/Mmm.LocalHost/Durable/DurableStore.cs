using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Durable;

/// <summary>
/// All storage I/O of the executor, and nothing else: the <c>{hub}Instances</c> table (PartitionKey =
/// instance id, RowKey = ""), the <c>{hub}History</c> table (PartitionKey = instance id, RowKey = the event's
/// zero-padded sequence number) and the large-message container. It maps rows to <see cref="InstanceRecord"/>
/// and <see cref="HistoryEvent"/> by hand so the table layout is visible in one place.
/// <see cref="Halt"/> makes every later write throw: tests use it to simulate a process killed mid-run.
/// </summary>
internal sealed class DurableStore
{
    private const string InstanceRowKey = "";
    private const int MaxMessageChars = 16_000;
    private readonly TableClient instances;
    private readonly TableClient history;
    private readonly LargeMessageStore largeMessages;
    private volatile bool halted;

    public DurableStore(string connectionString, TaskHubName hub, int largeMessageThresholdChars)
    {
        var tables = new TableServiceClient(connectionString);
        instances = tables.GetTableClient(hub.InstancesTable);
        history = tables.GetTableClient(hub.HistoryTable);
        largeMessages = new LargeMessageStore(
            new BlobServiceClient(connectionString).GetBlobContainerClient(hub.LargeMessagesContainer), largeMessageThresholdChars);
    }

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await instances.CreateIfNotExistsAsync(ct);
        await history.CreateIfNotExistsAsync(ct);
        await largeMessages.EnsureCreatedAsync(ct);
    }

    /// <summary>After this every write throws, as if the process had died (reads still work).</summary>
    public void Halt() => halted = true;

    public bool IsHalted => halted;

    private void ThrowIfHalted()
    {
        if (halted) throw new InvalidOperationException("The durable store was halted; no further writes.");
    }

    // ---------------------------------------------------------------- instances

    /// <summary>Adds the instance row; false when a row with this id already exists.</summary>
    public async Task<bool> TryAddInstanceAsync(InstanceRecord record, CancellationToken ct)
    {
        ThrowIfHalted();
        var entity = await ToEntityAsync(record, Guid.NewGuid().ToString("N"), ct);
        try
        {
            await instances.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces the instance row if nobody changed it since <paramref name="record"/> was read (its ETag);
    /// otherwise throws (412). Returns the record with the new ETag.
    /// </summary>
    public async Task<InstanceRecord> UpdateInstanceAsync(InstanceRecord record, CancellationToken ct)
    {
        ThrowIfHalted();
        var entity = await ToEntityAsync(record, Guid.NewGuid().ToString("N"), ct);
        var ifMatch = record.ETag is { } etag ? new ETag(etag) : ETag.All;
        var response = await instances.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, ct);
        return record with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken ct)
    {
        var response = await instances.GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRowKey, cancellationToken: ct);
        return response.HasValue ? await ToInstanceAsync(response.Value!, ct) : null;
    }

    /// <summary>Instances that still have work to do (Pending or Running), for resuming after a restart.</summary>
    public async Task<List<InstanceRecord>> GetUnfinishedInstancesAsync(CancellationToken ct)
    {
        var result = new List<InstanceRecord>();
        var filter = $"Status eq '{RuntimeStatus.Pending}' or Status eq '{RuntimeStatus.Running}'";
        await foreach (var entity in instances.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            result.Add(await ToInstanceAsync(entity, ct));
        return result;
    }

    /// <summary>One page of instances matching the query; the continuation token is the table service's own.</summary>
    public async Task<(List<InstanceRecord> Page, string? ContinuationToken)> QueryInstancesAsync(InstanceQuery query, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        await foreach (var page in instances.QueryAsync<TableEntity>(InstanceFilter.Build(query), pageSize, cancellationToken: ct)
                           .AsPages(query.ContinuationToken, pageSize))
        {
            var records = new List<InstanceRecord>();
            foreach (var entity in page.Values)
                records.Add(await ToInstanceAsync(entity, ct));
            return (records, page.ContinuationToken);
        }
        return ([], null);
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken ct)
    {
        ThrowIfHalted();
        await instances.DeleteEntityAsync(instanceId, InstanceRowKey, ETag.All, ct);
    }

    // ---------------------------------------------------------------- history

    public async Task<List<HistoryEvent>> ReadHistoryAsync(string instanceId, CancellationToken ct)
    {
        var events = new List<HistoryEvent>();
        await foreach (var entity in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"),
                           cancellationToken: ct))
            events.Add(await ToHistoryEventAsync(entity, ct));
        return events.OrderBy(e => e.Sequence).ToList();
    }

    /// <summary>
    /// Writes events (sequence numbers already assigned) in one transaction per 100 rows. Rows are added,
    /// never replaced, so two writers that picked the same sequence number cannot both succeed.
    /// </summary>
    public async Task AppendHistoryAsync(string instanceId, IReadOnlyList<HistoryEvent> events, CancellationToken ct)
    {
        foreach (var chunk in events.Chunk(100))
        {
            var actions = new List<TableTransactionAction>();
            foreach (var e in chunk)
            {
                ThrowIfHalted();
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, await ToEntityAsync(instanceId, e, ct)));
            }
            ThrowIfHalted();
            await history.SubmitTransactionAsync(actions, ct);
        }
    }

    /// <summary>Deletes the history rows and the large-message blobs of an instance.</summary>
    public async Task DeleteHistoryAsync(string instanceId, CancellationToken ct)
    {
        ThrowIfHalted();
        var keys = new List<string>();
        await foreach (var entity in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"),
                           select: ["RowKey"], cancellationToken: ct))
            keys.Add(entity.RowKey);
        foreach (var chunk in keys.Chunk(100))
            await history.SubmitTransactionAsync(
                chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, key), ETag.All)), ct);
        await largeMessages.DeleteAllAsync(instanceId, ct);
    }

    // ---------------------------------------------------------------- row mapping

    private static string RowKeyOf(long sequence) => sequence.ToString("D10");

    private async Task<TableEntity> ToEntityAsync(InstanceRecord r, string blobSuffix, CancellationToken ct)
    {
        var entity = new TableEntity(r.InstanceId, InstanceRowKey)
        {
            ["Name"] = r.Name,
            ["Status"] = r.Status.ToString(),
            ["CreatedTime"] = new DateTimeOffset(r.CreatedTime, TimeSpan.Zero),
            ["LastUpdatedTime"] = new DateTimeOffset(r.LastUpdatedTime, TimeSpan.Zero),
            ["FailureType"] = r.FailureType,
            ["FailureMessage"] = Truncate(r.FailureMessage),
        };
        await PutPayloadAsync(entity, r.InstanceId, "Input", $"instance-input-{blobSuffix}", r.Input, ct);
        await PutPayloadAsync(entity, r.InstanceId, "Output", $"instance-output-{blobSuffix}", r.Output, ct);
        await PutPayloadAsync(entity, r.InstanceId, "CustomStatus", $"instance-customstatus-{blobSuffix}", r.CustomStatus, ct);
        return entity;
    }

    private async Task<InstanceRecord> ToInstanceAsync(TableEntity e, CancellationToken ct) =>
        new(e.PartitionKey, e.GetString("Name") ?? "", Enum.Parse<RuntimeStatus>(e.GetString("Status") ?? nameof(RuntimeStatus.Pending)),
            Utc(e.GetDateTimeOffset("CreatedTime")), Utc(e.GetDateTimeOffset("LastUpdatedTime")))
        {
            Input = await GetPayloadAsync(e, "Input", ct),
            Output = await GetPayloadAsync(e, "Output", ct),
            CustomStatus = await GetPayloadAsync(e, "CustomStatus", ct),
            FailureType = e.GetString("FailureType"),
            FailureMessage = e.GetString("FailureMessage"),
            ETag = e.ETag.ToString(),
        };

    private async Task<TableEntity> ToEntityAsync(string instanceId, HistoryEvent h, CancellationToken ct)
    {
        var rowKey = RowKeyOf(h.Sequence);
        var entity = new TableEntity(instanceId, rowKey)
        {
            ["EventType"] = h.EventType,
            ["EventTime"] = new DateTimeOffset(h.Timestamp, TimeSpan.Zero),
            ["TaskId"] = h.TaskId,
            ["Name"] = h.Name,
            ["ErrorType"] = h.ErrorType,
            ["Message"] = Truncate(h.Message),
            ["FireAt"] = h.FireAt is { } fireAt ? new DateTimeOffset(fireAt, TimeSpan.Zero) : null,
            ["Attempt"] = h.Attempt,
        };
        if (h.Retry is { } retry)
        {
            entity["RetryMaxAttempts"] = retry.MaxNumberOfAttempts;
            entity["RetryFirstIntervalMs"] = retry.FirstRetryInterval.TotalMilliseconds;
            entity["RetryBackoff"] = retry.BackoffCoefficient;
        }
        await PutPayloadAsync(entity, instanceId, "Input", $"history-{rowKey}-input", h.Input, ct);
        await PutPayloadAsync(entity, instanceId, "Result", $"history-{rowKey}-result", h.Result, ct);
        return entity;
    }

    private async Task<HistoryEvent> ToHistoryEventAsync(TableEntity e, CancellationToken ct)
    {
        RetryPolicy? retry = e.GetInt32("RetryMaxAttempts") is { } attempts
            ? new RetryPolicy(attempts, TimeSpan.FromMilliseconds(e.GetDouble("RetryFirstIntervalMs") ?? 0), e.GetDouble("RetryBackoff") ?? 1)
            : null;
        return new HistoryEvent(long.Parse(e.RowKey), e.GetString("EventType") ?? "", Utc(e.GetDateTimeOffset("EventTime")))
        {
            TaskId = e.GetInt32("TaskId"),
            Name = e.GetString("Name"),
            Input = await GetPayloadAsync(e, "Input", ct),
            Result = await GetPayloadAsync(e, "Result", ct),
            ErrorType = e.GetString("ErrorType"),
            Message = e.GetString("Message"),
            FireAt = e.GetDateTimeOffset("FireAt")?.UtcDateTime,
            Attempt = e.GetInt32("Attempt"),
            Retry = retry,
        };
    }

    /// <summary>Sets property <paramref name="name"/> to the JSON, or <c>{name}Blob</c> to the blob holding it when it is large.</summary>
    private async Task PutPayloadAsync(TableEntity entity, string instanceId, string name, string blobStem, string? json, CancellationToken ct)
    {
        if (json is null) return;
        ThrowIfHalted();
        var (inline, blobName) = await largeMessages.PutAsync(instanceId, blobStem, json, ct);
        if (blobName is not null) entity[name + "Blob"] = blobName;
        else entity[name] = inline;
    }

    private Task<string?> GetPayloadAsync(TableEntity entity, string name, CancellationToken ct) =>
        largeMessages.GetAsync(entity.GetString(name), entity.GetString(name + "Blob"), ct);

    private static DateTime Utc(DateTimeOffset? value) => value?.UtcDateTime ?? DateTime.MinValue;

    private static string? Truncate(string? text) => text is { Length: > MaxMessageChars } ? text[..MaxMessageChars] + "..." : text;
}
