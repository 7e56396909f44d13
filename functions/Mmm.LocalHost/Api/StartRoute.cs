using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Api;

/// <summary>POST orchestrators/{functionName}/{instanceId?}: starts an orchestration with the JSON body as its input.</summary>
internal sealed class StartRoute(ManagementApiOptions options, ILogger logger)
{
    private readonly HashSet<string> names = new(options.OrchestratorNames, StringComparer.OrdinalIgnoreCase);

    public async Task<IResult> StartAsync(HttpContext http, string functionName, string? instanceId)
    {
        if (!names.TryGetValue(functionName, out var orchestrator))
            return JsonResults.Problem(StatusCodes.Status404NotFound, $"No orchestrator named '{functionName}'.");
        var id = string.IsNullOrEmpty(instanceId) ? Guid.NewGuid().ToString("N") : instanceId;
        if (InvalidInstanceId(id) is { } invalid) return JsonResults.Problem(StatusCodes.Status400BadRequest, invalid);

        var (input, problem) = await JsonBodies.TryReadAsync(http.Request, http.RequestAborted);
        if (problem is not null) return problem;

        bool started = await options.Client.StartAsync(orchestrator, id, input, http.RequestAborted);
        if (started) logger.LogInformation("Started {Orchestrator} instance {InstanceId} over HTTP", orchestrator, id);
        else logger.LogInformation("Instance {InstanceId} already exists; nothing new started", id);
        return CheckStatusPayload.Accepted(http, id, options);
    }

    /// <summary>Durable Task's rules: not empty, at most 256 characters, none of / \ # ? or control characters.</summary>
    public static string? InvalidInstanceId(string id)
    {
        if (id.Length is 0 or > 256) return "The instance id must have 1 to 256 characters.";
        if (id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))) return "The instance id must not contain / \\ # ? or control characters.";
        return null;
    }
}
