using System.Text.Json;

namespace Mmm.Science.Results;

/// <summary>
/// Writes a run's output folder to the local file system. Outputs appear whole or not at all: everything
/// is written into a sibling temporary folder that is moved into place only when complete, and the empty
/// _SUCCESS marker is written last. Storage hosts upload the finished folder; this class knows no blobs.
/// </summary>
public static class OutputWriter
{
    public const string SummaryFile = "summary.json";
    public const string ErrorFile = "error.json";
    public const string SuccessFile = "_SUCCESS";

    /// <exception cref="IOException">The folder already holds a completed run (_SUCCESS), or another writer got there first.</exception>
    public static async Task WriteAsync(string directory, FitOutputs outputs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        string target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        RefuseIfComplete(target);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        string partial = $"{target}.partial-{Guid.NewGuid():N}";
        Directory.CreateDirectory(partial);
        try
        {
            await OutputTables.Decomposition.WriteAsync(Path.Combine(partial, OutputTables.DecompositionFile), outputs.Decomposition, ct);
            await OutputTables.Fit.WriteAsync(Path.Combine(partial, OutputTables.FitFile), outputs.Fit, ct);
            await OutputTables.Adjacency.WriteAsync(Path.Combine(partial, OutputTables.AdjacencyFile), outputs.Adjacency, ct);
            await OutputTables.History.WriteAsync(Path.Combine(partial, OutputTables.HistoryFile), outputs.History, ct);
            await OutputTables.Channels.WriteAsync(Path.Combine(partial, OutputTables.ChannelsFile), outputs.Channels, ct);
            await WriteTextAsync(Path.Combine(partial, SummaryFile), SummaryJson.Serialize(outputs.Summary), ct);
            ct.ThrowIfCancellationRequested();

            RefuseIfComplete(target);
            ReplaceIncomplete(target, partial);
            await WriteTextAsync(Path.Combine(target, SuccessFile), "", ct);
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }
    }

    /// <summary>Writes error.json (code, message, details, instanceId) and no _SUCCESS.</summary>
    /// <param name="details">Any JSON-serialisable object (or a JsonNode); null for none.</param>
    /// <exception cref="IOException">The folder already holds a completed run.</exception>
    public static async Task WriteErrorAsync(string directory, string code, string message, object? details, string? instanceId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        string target = Path.GetFullPath(directory);
        RefuseIfComplete(target);
        Directory.CreateDirectory(target);
        var report = new ErrorReport(code, message, details is null ? null : JsonSerializer.SerializeToNode(details, details.GetType(), SummaryJson.Options), instanceId);
        string path = Path.Combine(target, ErrorFile);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await WriteTextAsync(temp, JsonSerializer.Serialize(report, SummaryJson.Options), ct);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Lets a caller refuse a folder before doing the work whose results would go there (as <see cref="WriteAsync"/> will).</summary>
    /// <exception cref="IOException">The folder already holds a completed run (_SUCCESS).</exception>
    public static void RefuseIfComplete(string directory)
    {
        string target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(Path.Combine(target, SuccessFile)))
            throw new IOException($"'{target}' already holds a completed run ({SuccessFile} exists); refusing to overwrite it");
    }

    /// <summary>
    /// Moves the finished folder into place. A folder left by an earlier failed attempt (no _SUCCESS, e.g.
    /// only error.json) is replaced: set aside first, so the target is never half old and half new.
    /// </summary>
    private static void ReplaceIncomplete(string target, string partial)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(partial, target);
            return;
        }
        string stale = $"{target}.stale-{Guid.NewGuid():N}";
        Directory.Move(target, stale);
        try
        {
            Directory.Move(partial, target);
        }
        catch
        {
            if (!Directory.Exists(target)) Directory.Move(stale, target);
            throw;
        }
        Directory.Delete(stale, recursive: true);
    }

    private static async Task WriteTextAsync(string path, string text, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
            await writer.WriteAsync(text.AsMemory(), ct);
        stream.Flush(flushToDisk: true);
    }
}
