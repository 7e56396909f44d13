using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Durable;

/// <summary>An orchestrator as the executor runs it: returns its output as an object (serialised afterwards).</summary>
internal delegate Task<object?> OrchestratorFunction(IOrchestrationContext context);

/// <summary>An activity as the executor runs it: JSON in, JSON out (the typed function sits inside).</summary>
internal delegate Task<string?> ActivityFunction(string? inputJson, CancellationToken ct);

/// <summary>
/// The orchestrators and activities known to an executor, by name. Typed functions are wrapped here so the
/// rest of the executor only moves JSON text around.
/// </summary>
internal sealed class OrchestrationRegistry
{
    private readonly Dictionary<string, OrchestratorFunction> orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityFunction> activities = new(StringComparer.Ordinal);

    public void AddOrchestrator<TOut>(string name, Func<IOrchestrationContext, Task<TOut>> orchestrator)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(orchestrator);
        if (!orchestrators.TryAdd(name, async context => await orchestrator(context)))
            throw new InvalidOperationException($"An orchestrator named '{name}' is already registered.");
    }

    public void AddActivity<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> activity)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(activity);
        ActivityFunction wrapped = async (inputJson, ct) =>
        {
            var input = DurableJson.Deserialize<TIn>(inputJson);
            var output = await activity(input!, ct);
            return DurableJson.Serialize(output);
        };
        if (!activities.TryAdd(name, wrapped))
            throw new InvalidOperationException($"An activity named '{name}' is already registered.");
    }

    public bool HasOrchestrator(string name) => orchestrators.ContainsKey(name);

    public OrchestratorFunction? FindOrchestrator(string name) => orchestrators.GetValueOrDefault(name);

    public ActivityFunction? FindActivity(string name) => activities.GetValueOrDefault(name);
}
