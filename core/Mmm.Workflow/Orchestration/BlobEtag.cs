using Azure;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// One spelling of a blob's ETag for instance ids: the quoted HTTP-header form (<c>"0x8DC..."</c>). Listings
/// of a real account return ETags without quotes while upload and properties responses carry them, so every
/// caller that derives an instance id goes through <see cref="Canonical(string)"/>.
/// </summary>
public static class BlobEtag
{
    public static string Canonical(ETag etag) => Canonical(etag.ToString());

    public static string Canonical(string etag)
    {
        var bare = Bare(etag);
        return $"\"{bare}\"";
    }

    /// <summary>The ETag without quotes (and without a weak-validator prefix), for use in blob paths.</summary>
    public static string Bare(string etag)
    {
        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return value.Trim('"');
    }
}
