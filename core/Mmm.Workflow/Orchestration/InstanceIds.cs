using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// The contract's instance ids: <c>mmm-{dataset}-{hash}</c>, where dataset is the blob name without its
/// extension, lower-cased, characters outside [a-z0-9-] replaced by '-', cut to 48 characters, and hash is
/// the first 12 hex digits of SHA-256 over "{container}/{blob name}|{etag}". The same upload seen twice is
/// the same instance; a changed file is a new one.
/// </summary>
public static partial class InstanceIds
{
    public static string Dataset(string blobName)
    {
        var file = blobName.Split('/')[^1];
        var stem = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
        var cleaned = NotAllowed().Replace(stem, "-");
        return cleaned.Length > 48 ? cleaned[..48] : cleaned;
    }

    public static string For(string container, string blobName, string etag) => $"mmm-{Dataset(blobName)}-{Hash(container, blobName, etag)}";

    /// <summary>A plan's id, <c>plan-{name}-{hash}</c>: the same recipe over the plan request blob (name = its file name's stem).</summary>
    public static string ForPlan(string container, string blobName, string etag) => $"plan-{Dataset(blobName)}-{Hash(container, blobName, etag)}";

    public static string Prefix(string dataset) => $"mmm-{dataset}-";

    /// <summary>The dataset of a run's instance id (<c>mmm-{dataset}-{hash}</c>); false for anything else.</summary>
    public static bool TryRunDataset(string instanceId, out string dataset)
    {
        var match = RunId().Match(instanceId);
        dataset = match.Success ? match.Groups[1].Value : "";
        return match.Success;
    }

    private static string Hash(string container, string blobName, string etag) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{container}/{blobName}|{etag}")))[..12].ToLowerInvariant();

    [GeneratedRegex("^mmm-([a-z0-9-]{1,48})-[0-9a-f]{12}$")]
    private static partial Regex RunId();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotAllowed();
}
