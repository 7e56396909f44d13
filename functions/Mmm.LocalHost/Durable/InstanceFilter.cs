using Azure.Data.Tables;

namespace Mmm.LocalHost.Durable;

/// <summary>Turns an <see cref="InstanceQuery"/> into an OData filter over the Instances table (null: everything).</summary>
internal static class InstanceFilter
{
    public static string? Build(InstanceQuery query)
    {
        var clauses = new List<string>();
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            // Every key that starts with the prefix lies in [prefix, prefix with its last character incremented).
            var prefix = query.InstanceIdPrefix;
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }
        if (query.Statuses is { Count: > 0 } statuses)
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        if (query.CreatedFrom is { } from)
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime ge {AsUtc(from)}"));
        if (query.CreatedTo is { } to)
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime le {AsUtc(to)}"));
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    /// <summary>Local times are converted; unspecified ones are taken as UTC.</summary>
    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
