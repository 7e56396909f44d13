using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Api;

/// <summary>What the management API needs: the orchestration client, the orchestrators it may start, and the optional key.</summary>
public sealed record ManagementApiOptions
{
    public required IOrchestrationClient Client { get; init; }

    /// <summary>Names the start route accepts (case-insensitive, like Functions names); others answer 404.</summary>
    public IReadOnlyCollection<string> OrchestratorNames { get; init; } = [MmmOrchestrator.Name, MmmPlanner.Name];

    /// <summary>When set, every route needs header <c>x-functions-key</c> or query <c>code</c> equal to it (401 otherwise).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The task hub named in check-status URIs (<c>taskHub=</c>); omitted when null.</summary>
    public string? HubName { get; init; }

    /// <summary>The HTTP starter behind <c>POST /api/runs</c>; when null, the /api/runs routes are not mapped.</summary>
    public RunUploads? Runs { get; init; }

    /// <summary>The plan starter behind <c>POST /api/runs/{id}/plans</c>; when null, that route is not mapped.</summary>
    public PlanRequests? Plans { get; init; }

    /// <summary>The <c>Retry-After</c> seconds of 202 start responses (Durable Functions uses 10).</summary>
    public int RetryAfterSeconds { get; init; } = 10;

    /// <summary>The largest Parquet upload <c>POST /api/runs</c> accepts.</summary>
    public long MaxUploadBytes { get; init; } = 512L * 1024 * 1024;
}
