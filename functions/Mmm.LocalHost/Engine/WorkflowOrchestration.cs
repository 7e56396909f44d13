using DurableTask.Core;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// An orchestrator of core/Mmm.Workflow as a DurableTask.Core <see cref="TaskOrchestration"/>: the engine replays
/// it from history on every new event, a fresh object each time (it holds that execution's custom status).
/// Input, output and custom status are <see cref="WorkflowJson"/>; an exception ends the instance Failed with
/// its message (the engine records the failure details).
/// </summary>
internal sealed class WorkflowOrchestration(Func<IOrchestrationContext, Task<object?>> orchestrator) : TaskOrchestration
{
    private object? customStatus;

    public override async Task<string> Execute(OrchestrationContext context, string input)
    {
        context.MessageDataConverter = WorkflowDataConverter.Instance;
        var output = await orchestrator(new CoreOrchestrationContext(context, input, status => customStatus = status));
        return WorkflowDataConverter.Instance.Serialize(output!);
    }

    public override string GetStatus() => WorkflowJson.Serialize(customStatus)!;

    /// <summary>The training orchestration waits for no event: a raised event is kept in history and otherwise ignored.</summary>
    public override void RaiseEvent(OrchestrationContext context, string name, string input)
    {
    }

    /// <summary>Makes a new orchestration object per execution, as DurableTask.Core asks for one.</summary>
    public sealed class Creator : ObjectCreator<TaskOrchestration>
    {
        private readonly Func<IOrchestrationContext, Task<object?>> orchestrator;

        public Creator(string name, Func<IOrchestrationContext, Task<object?>> orchestrator)
        {
            Name = name;
            Version = "";
            this.orchestrator = orchestrator;
        }

        public override TaskOrchestration Create() => new WorkflowOrchestration(orchestrator);
    }
}
