using System.Globalization;
using System.Text.Json.Nodes;
using Mmm.LocalHost.Durable;

namespace Mmm.LocalHost.Api;

/// <summary>The status JSON of one instance, as Durable Functions' HTTP API writes it (camelCase, embedded JSON values).</summary>
public static class InstanceJson
{
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public static JsonObject From(InstanceState state, bool showInput = true, bool showHistory = false)
    {
        // DeepClone: a JsonNode belongs to one parent, and the client's nodes must stay untouched.
        var json = new JsonObject
        {
            ["name"] = state.Name,
            ["instanceId"] = state.InstanceId,
            ["runtimeStatus"] = state.RuntimeStatus.ToString(),
            ["input"] = showInput ? state.Input?.DeepClone() : null,
            ["customStatus"] = state.CustomStatus?.DeepClone(),
            ["output"] = state.Output?.DeepClone(),
            ["createdTime"] = FormatTime(state.CreatedTime),
            ["lastUpdatedTime"] = FormatTime(state.LastUpdatedTime),
        };
        if (showHistory)
            json["historyEvents"] = new JsonArray((state.HistoryEvents ?? []).Select(e => (JsonNode?)e.DeepClone()).ToArray());
        return json;
    }

    /// <summary>UTC, second precision, with Z. Unspecified kinds are taken as UTC.</summary>
    public static string FormatTime(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return utc.ToString(TimeFormat, CultureInfo.InvariantCulture);
    }
}
