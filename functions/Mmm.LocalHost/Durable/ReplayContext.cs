using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Durable;

/// <summary>Something the orchestrator asked for in this episode that is not yet in history.</summary>
internal sealed record NewAction(int TaskId, string EventType, string? Name, string? InputJson, RetryPolicy? Retry, DateTime? FireAt);

/// <summary>
/// The <see cref="IOrchestrationContext"/> of one episode: the orchestrator code runs from the top against the
/// instance's history. The n-th activity or timer it asks for is task n. When history already holds task n's
/// outcome the call returns a completed task (so, with sequential awaits, the code runs on inline); when task
/// n is scheduled but unfinished, or new, the call returns a task that never completes in this episode, and
/// new ones are collected in <see cref="NewActions"/> for the executor to persist and run.
/// A call that does not match history (another activity name, an activity where a timer was) records a
/// non-determinism error and blocks the orchestrator; the executor then fails the instance.
/// </summary>
internal sealed class ReplayContext : IOrchestrationContext
{
    private readonly string? inputJson;
    private readonly Dictionary<int, HistoryEvent> scheduled = new();
    private readonly Dictionary<int, HistoryEvent> outcomes = new();
    private readonly int outcomeCount;
    private int consumedOutcomes;
    private int nextTaskId;

    public ReplayContext(string instanceId, string? inputJson, IReadOnlyList<HistoryEvent> history)
    {
        InstanceId = instanceId;
        this.inputJson = inputJson;
        foreach (var e in history)
        {
            if (e.EventType == HistoryEventTypes.ExecutionStarted) CurrentUtcDateTime = e.Timestamp;
            else if (e.EventType is HistoryEventTypes.TaskScheduled or HistoryEventTypes.TimerCreated) scheduled[e.TaskId!.Value] = e;
            else if (HistoryEventTypes.IsTaskOutcome(e.EventType)) outcomes.TryAdd(e.TaskId!.Value, e);
        }
        outcomeCount = outcomes.Count;
    }

    public string InstanceId { get; }

    /// <summary>True until the code has consumed every task outcome in history.</summary>
    public bool IsReplaying => consumedOutcomes < outcomeCount;

    /// <summary>The timestamp of the latest history event consumed so far (ExecutionStarted at first).</summary>
    public DateTime CurrentUtcDateTime { get; private set; }

    public List<NewAction> NewActions { get; } = [];

    /// <summary>Set when the code disagrees with history; the instance must fail with it.</summary>
    public string? NonDeterminismError { get; private set; }

    /// <summary>The last custom status set, as JSON, and whether it was set at all in this episode.</summary>
    public string? CustomStatusJson { get; private set; }

    public bool CustomStatusSet { get; private set; }

    /// <summary>How many activities and timers the code asked for in this episode.</summary>
    public int TasksRequested => nextTaskId;

    /// <summary>Task ids in history the code never asked for (a sign the code changed).</summary>
    public IEnumerable<int> UnrequestedHistoryTasks => scheduled.Keys.Where(id => id >= nextTaskId).Order();

    public T? GetInput<T>() => DurableJson.Deserialize<T>(inputJson);

    public void SetCustomStatus(object? status)
    {
        CustomStatusJson = DurableJson.Serialize(status);
        CustomStatusSet = true;
    }

    public Task<T> CallActivityAsync<T>(string name, object? input, RetryPolicy? retry = null)
    {
        int taskId = nextTaskId++;
        if (scheduled.TryGetValue(taskId, out var previous))
        {
            if (previous.EventType != HistoryEventTypes.TaskScheduled || previous.Name != name)
                return Block<T>($"Non-deterministic orchestrator: call #{taskId} is activity '{name}' but history has {Describe(previous)}.");
            if (!outcomes.TryGetValue(taskId, out var outcome)) return Pending<T>();
            Consume(outcome);
            return outcome.EventType == HistoryEventTypes.TaskCompleted
                ? Task.FromResult(DurableJson.Deserialize<T>(outcome.Result)!)
                : Task.FromException<T>(new ActivityFailedException(name, outcome.ErrorType ?? "Exception", outcome.Message ?? ""));
        }
        NewActions.Add(new NewAction(taskId, HistoryEventTypes.TaskScheduled, name, DurableJson.Serialize(input), retry, null));
        return Pending<T>();
    }

    /// <summary>
    /// A timer that fires at <paramref name="fireAt"/>. A token already cancelled gives a cancelled task and
    /// schedules nothing; cancelling it later does not stop the timer (it fires and the code moves on).
    /// </summary>
    public Task CreateTimer(DateTime fireAt, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested) return Task.FromCanceled(cancellation);
        int taskId = nextTaskId++;
        if (scheduled.TryGetValue(taskId, out var previous))
        {
            if (previous.EventType != HistoryEventTypes.TimerCreated)
                return Block<bool>($"Non-deterministic orchestrator: call #{taskId} is a timer but history has {Describe(previous)}.");
            if (!outcomes.TryGetValue(taskId, out var fired)) return Pending<bool>();
            Consume(fired);
            return Task.CompletedTask;
        }
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        NewActions.Add(new NewAction(taskId, HistoryEventTypes.TimerCreated, null, null, null, utc));
        return Pending<bool>();
    }

    private void Consume(HistoryEvent outcome)
    {
        consumedOutcomes++;
        if (outcome.Timestamp > CurrentUtcDateTime) CurrentUtcDateTime = outcome.Timestamp;
    }

    private static Task<T> Pending<T>() => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously).Task;

    private Task<T> Block<T>(string error)
    {
        NonDeterminismError ??= error;
        return Pending<T>();
    }

    private static string Describe(HistoryEvent e) =>
        e.EventType == HistoryEventTypes.TaskScheduled ? $"activity '{e.Name}'" : "a timer";
}
