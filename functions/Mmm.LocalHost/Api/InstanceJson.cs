using System.Text.Json.Nodes;
using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Api;

/// <summary>The status JSON of one instance, as Durable Functions' HTTP API writes it (camelCase, embedded JSON values).</summary>
public static class InstanceJson
{
    public static JsonObject From(InstanceState state, bool showInput = true, bool showHistory = false)
    {
        // The contract's shape, shared with the Azure host. DeepClone: a JsonNode belongs to one parent,
        // and the client's nodes must stay untouched.
        var json = InstanceStatusJson.Build(state.Name, state.InstanceId, state.RuntimeStatus.ToString(),
            showInput ? state.Input?.DeepClone() : null, state.CustomStatus?.DeepClone(), state.Output?.DeepClone(),
            AsUtc(state.CreatedTime), AsUtc(state.LastUpdatedTime));
        if (showHistory)
            json["historyEvents"] = new JsonArray((state.HistoryEvents ?? []).Select(e => (JsonNode?)e.DeepClone()).ToArray());
        return json;
    }

    private static DateTimeOffset AsUtc(DateTime time) => new(UtcTime.AsUtc(time));
}
