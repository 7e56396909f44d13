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

    public static string For(string container, string blobName, string etag)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{container}/{blobName}|{etag}"));
        return $"mmm-{Dataset(blobName)}-{Convert.ToHexString(hash)[..12].ToLowerInvariant()}";
    }

    public static string Prefix(string dataset) => $"mmm-{dataset}-";

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotAllowed();
}
