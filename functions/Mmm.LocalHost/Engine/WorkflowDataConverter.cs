using DurableTask.Core.Serializing;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Engine;

/// <summary>
/// DurableTask.Core's data converter on <see cref="WorkflowJson"/> (System.Text.Json) instead of its Newtonsoft
/// default, so what the engine stores (orchestration input and output, activity inputs and results, custom
/// status) is the JSON the Azure Functions app writes with the same options. The engine's own parameter list
/// for an activity stays an array: <c>[input]</c>.
/// </summary>
internal sealed class WorkflowDataConverter : JsonDataConverter
{
    public static WorkflowDataConverter Instance { get; } = new();

    public override string Serialize(object value) => Serialize(value, formatted: false);

    public override string Serialize(object value, bool formatted) => WorkflowJson.Serialize(value) ?? "null";

    public override object Deserialize(string data, Type objectType) => WorkflowJson.Deserialize(data, objectType)!;
}
