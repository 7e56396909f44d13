using System.Text;
using System.Text.Json;
using Mmm.Science.Results;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Activities;

/// <summary>
/// The output folder of a run in blob storage: the five Parquet tables and summary.json first, then
/// _SUCCESS last (its presence means every other file is complete), or error.json for a failed run.
/// </summary>
public static class OutputFiles
{
    public static readonly string[] DataFiles =
        [OutputTables.DecompositionFile, OutputTables.FitFile, OutputTables.AdjacencyFile, OutputTables.HistoryFile, OutputTables.ChannelsFile,
         OutputWriter.SummaryFile];

    public static async Task WriteAllButSuccessAsync(IRunStore store, string prefix, FitOutputs outputs, CancellationToken ct)
    {
        await RefuseIfFinishedAsync(store, prefix, ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.DecompositionFile}", s => OutputTables.Decomposition.WriteAsync(s, outputs.Decomposition, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.FitFile}", s => OutputTables.Fit.WriteAsync(s, outputs.Fit, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.AdjacencyFile}", s => OutputTables.Adjacency.WriteAsync(s, outputs.Adjacency, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.HistoryFile}", s => OutputTables.History.WriteAsync(s, outputs.History, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.ChannelsFile}", s => OutputTables.Channels.WriteAsync(s, outputs.Channels, ct), ct);
        await WriteTextAsync(store, $"{prefix}/{OutputWriter.SummaryFile}", SummaryJson.Serialize(outputs.Summary), ct);
    }

    public static async Task CommitAsync(IRunStore store, string prefix, CancellationToken ct)
    {
        foreach (var file in DataFiles)
            if (!await store.ExistsAsync($"{prefix}/{file}", ct))
                throw new InvalidOperationException($"Output file {file} is missing under {prefix}; not writing _SUCCESS.");
        await WriteTextAsync(store, $"{prefix}/{OutputWriter.SuccessFile}", "", ct);
    }

    public static async Task WriteErrorAsync(IRunStore store, string prefix, RunError error, string instanceId, CancellationToken ct)
    {
        await RefuseIfFinishedAsync(store, prefix, ct);
        var json = JsonSerializer.Serialize(new { code = error.Code, message = error.Message, details = error.Details, instanceId },
            new JsonSerializerOptions { WriteIndented = true });
        await WriteTextAsync(store, $"{prefix}/{OutputWriter.ErrorFile}", json, ct);
    }

    private static async Task RefuseIfFinishedAsync(IRunStore store, string prefix, CancellationToken ct)
    {
        if (await store.ExistsAsync($"{prefix}/{OutputWriter.SuccessFile}", ct))
            throw new InvalidOperationException($"{prefix} already holds a finished run (_SUCCESS); refusing to overwrite it.");
    }

    private static async Task WriteTableAsync(IRunStore store, string uri, Func<Stream, Task> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await write(buffer);
        buffer.Position = 0;
        await store.WriteAsync(uri, buffer, ct);
    }

    private static async Task WriteTextAsync(IRunStore store, string uri, string text, CancellationToken ct)
    {
        using var buffer = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.WriteAsync(uri, buffer, ct);
    }
}
