using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Durable;

/// <summary>What every instance driver of one executor shares: storage, registrations, the concurrency limits, a logger.</summary>
internal sealed record ExecutorServices(
    DurableStore Store,
    OrchestrationRegistry Registry,
    ActivityRunner Activities,
    SemaphoreSlim EpisodeSlots,
    ILogger Logger);
