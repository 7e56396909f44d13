namespace Mmm.LocalHost.Durable;

/// <summary>
/// Tuning knobs of the local durable executor, the counterparts of host.json's
/// maxConcurrentActivityFunctions / maxConcurrentOrchestratorFunctions plus the large-message threshold.
/// </summary>
public sealed record DurableExecutorOptions
{
    /// <summary>Activities running at the same time across all instances (training is heavy: 1 per GPU).</summary>
    public int MaxConcurrentActivities { get; init; } = 1;

    /// <summary>Orchestrator replays (episodes) running at the same time across all instances.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 4;

    /// <summary>
    /// Payloads (inputs, results, outputs, custom status) longer than this many characters are gzipped to a blob
    /// in <c>{hub}-largemessages</c> instead of stored in the table (a table string property holds at most 32K characters).
    /// </summary>
    public int LargeMessageThresholdChars { get; init; } = 30_000;

    internal void Validate()
    {
        if (MaxConcurrentActivities < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentActivities), "must be at least 1");
        if (MaxConcurrentOrchestrations < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentOrchestrations), "must be at least 1");
        if (LargeMessageThresholdChars is < 1 or > 32_000)
            throw new ArgumentOutOfRangeException(nameof(LargeMessageThresholdChars), "must be between 1 and 32000");
    }
}
