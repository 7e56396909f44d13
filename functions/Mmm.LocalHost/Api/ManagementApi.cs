using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mmm.LocalHost.Api;

/// <summary>
/// The Durable Functions management HTTP API (<c>/runtime/webhooks/durabletask/...</c>) plus the HTTP starter
/// (<c>/api/runs</c>) and the plan starter (<c>/api/runs/{id}/plans</c>), as minimal-API routes over <see cref="ManagementApiOptions.Client"/>.
/// </summary>
public static class ManagementApi
{
    public const string BasePath = CheckStatusPayload.BasePath;

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, ManagementApiOptions options)
    {
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Mmm.LocalHost.Api.ManagementApi")
            ?? NullLogger.Instance;
        var root = endpoints.MapGroup("");
        root.AddEndpointFilter(new ApiKeyFilter(options.ApiKey));

        var instances = new InstanceRoutes(options);
        var hook = root.MapGroup(BasePath);
        hook.MapGet("/instances/{instanceId}", instances.GetAsync);
        hook.MapGet("/instances", instances.ListAsync);
        hook.MapPost("/instances/{instanceId}/terminate", instances.TerminateAsync);
        hook.MapDelete("/instances/{instanceId}", instances.PurgeAsync);
        hook.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", instances.RaiseEventAsync);
        hook.MapPost("/instances/{instanceId}/suspend", instances.SuspendAsync);
        hook.MapPost("/instances/{instanceId}/resume", instances.ResumeAsync);
        hook.MapPost("/orchestrators/{functionName}/{instanceId?}", new StartRoute(options, logger).StartAsync);

        if (options.Runs is { } runs)
        {
            var runRoutes = new RunRoutes(options, runs);
            root.MapPost("/api/runs", runRoutes.UploadAsync);
            root.MapGet("/api/runs/{instanceId}", instances.GetAsync);
        }
        if (options.Plans is { } plans) root.MapPost("/api/runs/{instanceId}/plans", new PlanRoutes(options, plans).StartAsync);
        return root;
    }
}
