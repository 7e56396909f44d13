using System.Globalization;
using System.Text.Json.Nodes;

namespace Mmm.LocalHost.Hosting;

/// <summary>
/// Where an orchestration's wall time went, from its history events: time inside activities (each
/// ActivityStarted to its TaskCompleted/TaskFailed) and the rest, the orchestration's own overhead
/// (scheduling, persistence, replays, the hops between activities).
/// </summary>
public sealed record OrchestrationTimings(TimeSpan Wall, TimeSpan InActivities, int Activities)
{
    public TimeSpan Overhead => Wall - InActivities;

    public static OrchestrationTimings From(IReadOnlyList<JsonObject> history)
    {
        DateTime Time(JsonObject e) => DateTime.Parse(e["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        string Type(JsonObject e) => e["eventType"]!.GetValue<string>();
        var started = new Dictionary<int, DateTime>();
        var inActivities = TimeSpan.Zero;
        int activities = 0;
        foreach (var e in history)
        {
            if (e["taskId"]?.GetValue<int>() is not int task) continue;
            if (Type(e) == "ActivityStarted") started[task] = Time(e);
            else if (Type(e) is "TaskCompleted" or "TaskFailed" && started.Remove(task, out var begin))
            {
                inActivities += Time(e) - begin;
                activities++;
            }
        }
        var wall = history.Count > 1 ? Time(history[^1]) - Time(history[0]) : TimeSpan.Zero;
        return new OrchestrationTimings(wall, inActivities, activities);
    }
}
