using Mmm.LocalHost.Engine;

namespace Mmm.LocalHost.Hosting;

/// <summary>
/// Where an orchestration's wall time went: from its creation to its last update (the engine's own times),
/// the part spent inside activity code (measured around each activity by this process's
/// <see cref="ActivityJournal"/>), and the rest, the engine's overhead (queue polling, checkpoints, replays,
/// the hops between activities).
/// </summary>
public sealed record OrchestrationTimings(TimeSpan Wall, TimeSpan InActivities, int Activities)
{
    public TimeSpan Overhead => Wall - InActivities;

    public TimeSpan OverheadPerActivity => Activities == 0 ? TimeSpan.Zero : Overhead / Activities;

    public static OrchestrationTimings From(InstanceState state, IReadOnlyList<ActivityRun> activities) =>
        new(state.LastUpdatedTime - state.CreatedTime, TimeSpan.FromTicks(activities.Sum(a => a.Elapsed.Ticks)), activities.Count);
}
