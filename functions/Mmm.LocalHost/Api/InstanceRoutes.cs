using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Mmm.LocalHost.Engine;

namespace Mmm.LocalHost.Api;

/// <summary>
/// The instance routes of Durable Functions' HTTP API on <see cref="IOrchestrationClient"/>: status, list,
/// terminate, suspend, resume, raise event, purge, with its status codes.
/// </summary>
internal sealed class InstanceRoutes(ManagementApiOptions options)
{
    public const string ContinuationHeader = "x-ms-continuation-token";
    private IOrchestrationClient Client => options.Client;

    /// <summary>GET instances/{id}: 202 + Location while Pending/Running/Suspended, 200 when finished (500 for Failed on request), 404 unknown.</summary>
    public async Task<IResult> GetAsync(HttpContext http, string instanceId, bool? showHistory, bool? showHistoryOutput, bool? showInput,
        bool? returnInternalServerErrorOnFailure)
    {
        bool input = showInput ?? true, history = showHistory ?? false;
        var state = await Client.GetAsync(instanceId, input, history, showHistoryOutput ?? false, http.RequestAborted);
        if (state is null) return Results.NotFound();
        var body = InstanceJson.From(state, input, history);
        switch (state.RuntimeStatus)
        {
            case RuntimeStatus.Pending or RuntimeStatus.Running or RuntimeStatus.Suspended:
                http.Response.Headers.Location = http.Request.GetEncodedUrl();
                return JsonResults.Json(body, StatusCodes.Status202Accepted);
            case RuntimeStatus.Failed when returnInternalServerErrorOnFailure == true:
                return JsonResults.Json(body, StatusCodes.Status500InternalServerError);
            default:
                return JsonResults.Json(body);
        }
    }

    /// <summary>GET instances: filters, <c>top</c> page size, continuation in the <c>x-ms-continuation-token</c> header both ways.</summary>
    public async Task<IResult> ListAsync(HttpContext http, string? instanceIdPrefix, string? createdTimeFrom, string? createdTimeTo,
        string? runtimeStatus, bool? showInput, int? top)
    {
        if (top is < 1) return JsonResults.Problem(StatusCodes.Status400BadRequest, "top must be a positive number");
        if (!TryParseStatuses(runtimeStatus, out var statuses, out var badStatus))
            return JsonResults.Problem(StatusCodes.Status400BadRequest,
                $"Unknown runtimeStatus '{badStatus}'; expected a comma list of {string.Join(", ", Enum.GetNames<RuntimeStatus>())}");
        if (!TryParseTime(createdTimeFrom, out var from)) return JsonResults.Problem(StatusCodes.Status400BadRequest, "createdTimeFrom is not a date-time");
        if (!TryParseTime(createdTimeTo, out var to)) return JsonResults.Problem(StatusCodes.Status400BadRequest, "createdTimeTo is not a date-time");

        bool input = showInput ?? true;
        var continuation = http.Request.Headers[ContinuationHeader].FirstOrDefault();
        var query = new InstanceQuery(
            InstanceIdPrefix: string.IsNullOrEmpty(instanceIdPrefix) ? null : instanceIdPrefix,
            Statuses: statuses,
            CreatedFrom: from,
            CreatedTo: to,
            PageSize: top ?? new InstanceQuery().PageSize,
            ContinuationToken: string.IsNullOrEmpty(continuation) ? null : continuation,
            ShowInput: input);
        var page = await Client.ListAsync(query, http.RequestAborted);
        if (!string.IsNullOrEmpty(page.ContinuationToken)) http.Response.Headers[ContinuationHeader] = page.ContinuationToken;
        return JsonResults.Json(new JsonArray(page.Instances.Select(s => (JsonNode?)InstanceJson.From(s, input)).ToArray()));
    }

    /// <summary>POST instances/{id}/terminate?reason=: 202, 404 unknown, 410 already finished.</summary>
    public async Task<IResult> TerminateAsync(HttpContext http, string instanceId, string? reason) =>
        Answer(await Client.TerminateAsync(instanceId, reason, http.RequestAborted));

    /// <summary>POST instances/{id}/suspend?reason=: 202, 404 unknown, 410 already finished.</summary>
    public async Task<IResult> SuspendAsync(HttpContext http, string instanceId, string? reason) =>
        Answer(await Client.SuspendAsync(instanceId, reason, http.RequestAborted));

    /// <summary>POST instances/{id}/resume?reason=: 202, 404 unknown, 410 already finished.</summary>
    public async Task<IResult> ResumeAsync(HttpContext http, string instanceId, string? reason) =>
        Answer(await Client.ResumeAsync(instanceId, reason, http.RequestAborted));

    /// <summary>
    /// POST instances/{id}/raiseEvent/{eventName} with a JSON body: 202, 404 unknown, 410 already finished, 400 when
    /// the body is not <c>application/json</c> or not valid JSON.
    /// </summary>
    public async Task<IResult> RaiseEventAsync(HttpContext http, string instanceId, string eventName)
    {
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
            return JsonResults.Problem(StatusCodes.Status400BadRequest, "Only application/json request content is supported.");
        var (data, problem) = await JsonBodies.TryReadAsync(http.Request, http.RequestAborted);
        if (problem is not null) return problem;
        return Answer(await Client.RaiseEventAsync(instanceId, eventName, data, http.RequestAborted));
    }

    private static IResult Answer(InstanceOperationOutcome outcome) => outcome switch
    {
        InstanceOperationOutcome.Accepted => Results.StatusCode(StatusCodes.Status202Accepted),
        InstanceOperationOutcome.NotFound => Results.NotFound(),
        _ => Results.StatusCode(StatusCodes.Status410Gone),
    };

    /// <summary>DELETE instances/{id}: 200 <c>{"instancesDeleted":1}</c> or 404.</summary>
    public async Task<IResult> PurgeAsync(HttpContext http, string instanceId) =>
        await Client.PurgeAsync(instanceId, http.RequestAborted)
            ? JsonResults.Json(new JsonObject { ["instancesDeleted"] = 1 })
            : Results.NotFound();

    private static bool TryParseStatuses(string? text, out IReadOnlyCollection<RuntimeStatus>? statuses, out string? bad)
    {
        statuses = null;
        bad = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var parsed = new List<RuntimeStatus>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<RuntimeStatus>(part, ignoreCase: true, out var status) || int.TryParse(part, out _))
            {
                bad = part;
                return false;
            }
            if (!parsed.Contains(status)) parsed.Add(status);
        }
        statuses = parsed.Count == 0 ? null : parsed;
        return true;
    }

    private static bool TryParseTime(string? text, out DateTime? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        time = parsed;
        return true;
    }
}
