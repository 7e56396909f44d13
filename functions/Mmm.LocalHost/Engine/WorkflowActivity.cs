using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// An activity of core/Mmm.Workflow as a DurableTask.Core <see cref="TaskActivity"/>. The engine hands it the
/// parameter array the orchestrator scheduled (<c>[input]</c>, <see cref="WorkflowJson"/>); its result goes back
/// the same way. When the host stops mid-activity the work is abandoned, not failed: the message goes back to
/// the queue and a worker runs the activity again.
/// </summary>
internal sealed class WorkflowActivity(ActivityBinding binding, CancellationToken stopping) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("The engine calls RunAsync.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        var argument = FirstParameter(input, binding.InputType);
        try
        {
            var result = await binding.RunAsync(argument, stopping);
            return WorkflowDataConverter.Instance.Serialize(result!);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new SessionAbortedException($"The host is stopping; {binding.Name} of {context.OrchestrationInstance.InstanceId} goes back to the queue.");
        }
    }

    private static object? FirstParameter(string? input, Type type)
    {
        if (string.IsNullOrEmpty(input)) return null;
        using var parameters = JsonDocument.Parse(input);
        var root = parameters.RootElement;
        if (root.ValueKind != JsonValueKind.Array) return root.Deserialize(type, WorkflowJson.Options);
        return root.GetArrayLength() == 0 ? null : root[0].Deserialize(type, WorkflowJson.Options);
    }

    /// <summary>Registers one activity by its name; the engine gets the same object for every call (it holds no state).</summary>
    public static ObjectCreator<TaskActivity> Creator(ActivityBinding binding, CancellationToken stopping) =>
        new NameValueObjectCreator<TaskActivity>(binding.Name, "", new WorkflowActivity(binding, stopping));
}
