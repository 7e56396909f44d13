using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Tests.Support;

/// <summary>
/// Registers the app's own orchestrator and activity functions (the methods with <see cref="OrchestrationTriggerAttribute"/>
/// or <see cref="ActivityTriggerAttribute"/>) with a Durable Task registry under their function names, so a test host
/// calls exactly the code the Functions host would: the orchestrator with the real TaskOrchestrationContext, the
/// activity functions resolved from the app's services.
/// </summary>
internal static class FunctionTasks
{
    public static void Register(DurableTaskRegistry registry, IServiceProvider appServices)
    {
        foreach (var method in typeof(FunctionsApp).Assembly.GetTypes().SelectMany(t => t.GetMethods()))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
            var trigger = method.GetParameters().FirstOrDefault();
            if (trigger?.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)
                registry.AddOrchestrator(function.Name, new Orchestrator(method, OrchestratorInputs[function.Name]));
            else if (trigger?.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
                registry.AddActivity(function.Name, new Activity(method, appServices));
        }
    }

    /// <summary>
    /// The type each orchestrator's GetInput asks for. The Functions host's context converts the JSON input to that
    /// type when the function asks; the SDK's own context hands over what the registration's input type made of it.
    /// </summary>
    private static readonly Dictionary<string, Type> OrchestratorInputs = new()
    {
        [MmmOrchestrator.Name] = typeof(RunInput),
        [MmmPlanner.Name] = typeof(PlanInput),
    };

    private static Type ResultType(MethodInfo method) => method.ReturnType.GetGenericArguments().SingleOrDefault() ?? typeof(object);

    private static async Task<object?> ResultOf(object? task)
    {
        await (Task)task!;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
    }

    private sealed class Orchestrator(MethodInfo method, Type inputType) : ITaskOrchestrator
    {
        public Type InputType => inputType;
        public Type OutputType => ResultType(method);
        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) => ResultOf(method.Invoke(null, [context]));
    }

    private sealed class Activity(MethodInfo method, IServiceProvider services) : ITaskActivity
    {
        public Type InputType => method.GetParameters()[0].ParameterType;
        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
            var arguments = method.GetParameters().Select((p, i) => i == 0 ? input : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : null);
            return ResultOf(method.Invoke(target, arguments.ToArray()));
        }
    }
}
