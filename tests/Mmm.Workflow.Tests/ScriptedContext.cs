using System.Text.Json;
using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Tests;

/// <summary>
/// A stand-in for the Durable Functions runtime (which cannot run here): it replays activity results from a
/// recorded history (JSON, as a real host stores them), answers new calls from a script, and records
/// every decision the orchestrator makes, so a test can replay an orchestration and compare decisions.
/// </summary>
public sealed class ScriptedContext(string instanceId, object input, IReadOnlyList<HistoryEntry> history,
    Func<string, JsonElement, object?>? script = null) : IOrchestrationContext
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private int next;
    public List<HistoryEntry> Recorded { get; } = [];
    public List<string> Statuses { get; } = [];
    /// <summary>The call the orchestrator is waiting on when the history ran out and there was no script.</summary>
    public HistoryEntry? Pending { get; private set; }

    public string InstanceId => instanceId;
    public bool IsReplaying => next < history.Count;
    public DateTime CurrentUtcDateTime => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(10 * next);

    public T? GetInput<T>() => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(input, Json), Json);

    public Task<T> CallActivityAsync<T>(string name, object? activityInput, RetryPolicy? retry = null)
    {
        var inputJson = JsonSerializer.SerializeToElement(activityInput, Json);
        HistoryEntry entry;
        if (next < history.Count)
        {
            entry = history[next];
            if (entry.Name != name)
                throw new InvalidOperationException($"Non-deterministic orchestrator: call {next} is {name}, history has {entry.Name}.");
        }
        else if (script is not null)
            entry = new HistoryEntry(name, inputJson, JsonSerializer.SerializeToElement(script(name, inputJson), Json), null);
        else
        {
            Pending = new HistoryEntry(name, inputJson, null, null);
            return new TaskCompletionSource<T>().Task; // blocks: the host would now run the activity
        }
        next++;
        Recorded.Add(entry with { Input = inputJson });
        if (entry.Failure is { } failure) return Task.FromException<T>(new ActivityFailedException(name, entry.FailureType, failure));
        return Task.FromResult(entry.Result!.Value.Deserialize<T>(Json)!);
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellation) => Task.CompletedTask;

    public void SetCustomStatus(object? status) => Statuses.Add(JsonSerializer.Serialize(status, Json));
}

/// <summary>One completed activity call of a recorded history.</summary>
public sealed record HistoryEntry(string Name, JsonElement Input, JsonElement? Result, string? Failure, string FailureType = "Exception");
