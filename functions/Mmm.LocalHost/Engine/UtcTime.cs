namespace Mmm.LocalHost.Engine;

/// <summary>Times of instances as the contract shows them: UTC. Local times are converted; unspecified kinds are taken as UTC.</summary>
public static class UtcTime
{
    public static DateTime AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
