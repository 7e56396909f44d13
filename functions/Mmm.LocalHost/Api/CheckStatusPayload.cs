using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mmm.LocalHost.Api;

/// <summary>The check-status payload of a started instance (Durable Functions' CreateCheckStatusResponse body).</summary>
public static class CheckStatusPayload
{
    public const string BasePath = "/runtime/webhooks/durabletask";

    public static JsonObject For(HttpRequest request, string instanceId, ManagementApiOptions options)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        var common = new List<string>();
        if (options.HubName is { Length: > 0 } hub) common.Add("taskHub=" + Uri.EscapeDataString(hub));
        common.Add("connection=Storage");
        if (options.ApiKey is { Length: > 0 } key) common.Add("code=" + Uri.EscapeDataString(key));
        var query = string.Join("&", common);
        return new JsonObject
        {
            ["id"] = instanceId,
            ["statusQueryGetUri"] = $"{instance}?{query}",
            ["sendEventPostUri"] = $"{instance}/raiseEvent/{{eventName}}?{query}",
            ["terminatePostUri"] = $"{instance}/terminate?reason={{text}}&{query}",
            ["purgeHistoryDeleteUri"] = $"{instance}?{query}",
            ["suspendPostUri"] = $"{instance}/suspend?reason={{text}}&{query}",
            ["resumePostUri"] = $"{instance}/resume?reason={{text}}&{query}",
        };
    }

    /// <summary>202 with the payload, <c>Location</c> = the status URI and <c>Retry-After</c>.</summary>
    public static IResult Accepted(HttpContext http, string instanceId, ManagementApiOptions options)
    {
        var payload = For(http.Request, instanceId, options);
        http.Response.Headers.Location = (string)payload["statusQueryGetUri"]!;
        http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonResults.Json(payload, StatusCodes.Status202Accepted);
    }
}
