using System.Text;
using Mmm.Science.Decisions;
using Mmm.Science.Results;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Activities;

/// <summary>
/// The one writer of a run's output folder, for the pipeline (blobs) and <c>mmm fit</c> (a local folder,
/// <see cref="FileRunStore"/>): the five Parquet tables and summary.json first, then _SUCCESS last (its presence
/// means every other file is complete), or error.json (<see cref="ErrorReport"/>) for a failed run. A folder
/// holding _SUCCESS is never written again.
/// </summary>
public static class OutputFiles
{
    public static readonly string[] DataFiles =
        [OutputTables.DecompositionFile, OutputTables.FitFile, OutputTables.AdjacencyFile, OutputTables.HistoryFile, OutputTables.ChannelsFile,
         OutputTables.SummaryFile];

    /// <summary>Every data file, then _SUCCESS (<c>mmm fit</c>; the pipeline does the two steps in two activities).</summary>
    public static async Task WriteAsync(IRunStore store, string prefix, FitOutputs outputs, CancellationToken ct)
    {
        await WriteAllButSuccessAsync(store, prefix, outputs, ct);
        await CommitAsync(store, prefix, ct);
    }

    /// <summary>Every data file; an error.json of an earlier failed attempt goes first.</summary>
    public static async Task WriteAllButSuccessAsync(IRunStore store, string prefix, FitOutputs outputs, CancellationToken ct)
    {
        await RefuseIfFinishedAsync(store, prefix, ct);
        await store.DeleteIfExistsAsync($"{prefix}/{OutputTables.ErrorFile}", ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.DecompositionFile}", s => OutputTables.Decomposition.WriteAsync(s, outputs.Decomposition, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.FitFile}", s => OutputTables.Fit.WriteAsync(s, outputs.Fit, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.AdjacencyFile}", s => OutputTables.Adjacency.WriteAsync(s, outputs.Adjacency, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.HistoryFile}", s => OutputTables.History.WriteAsync(s, outputs.History, ct), ct);
        await WriteTableAsync(store, $"{prefix}/{OutputTables.ChannelsFile}", s => OutputTables.Channels.WriteAsync(s, outputs.Channels, ct), ct);
        if (outputs.Model is { } model)
            await WriteTextAsync(store, $"{prefix}/{SavedModel.FileName}", SavedModelJson.Serialize(model), ct);
        if (outputs.ResponseCurves is { } curves)
            await WriteTableAsync(store, $"{prefix}/{OutputTables.ResponseCurvesFile}", s => OutputTables.ResponseCurves.WriteAsync(s, curves, ct), ct);
        if (outputs.Carryover is { } carryover)
            await WriteTableAsync(store, $"{prefix}/{OutputTables.CarryoverFile}", s => OutputTables.Carryover.WriteAsync(s, carryover, ct), ct);
        if (outputs.Plan is { } plan) await WritePlanTablesAsync(store, prefix, plan, ct);
        await WriteTextAsync(store, $"{prefix}/{OutputTables.SummaryFile}", SummaryJson.Serialize(outputs.Summary), ct);
    }

    /// <summary>budget.parquet and, for a flighted or what-if plan, budget_weeks.parquet.</summary>
    public static async Task WritePlanTablesAsync(IRunStore store, string prefix, PlanResult plan, CancellationToken ct)
    {
        await WriteTableAsync(store, $"{prefix}/{OutputTables.BudgetFile}", s => OutputTables.Budget.WriteAsync(s, plan.Channels, ct), ct);
        if (plan.Weeks.Count > 0)
            await WriteTableAsync(store, $"{prefix}/{OutputTables.BudgetWeeksFile}", s => OutputTables.BudgetWeeks.WriteAsync(s, plan.Weeks, ct), ct);
    }

    /// <summary>Writes _SUCCESS once every data file is there.</summary>
    public static async Task CommitAsync(IRunStore store, string prefix, CancellationToken ct)
    {
        foreach (var file in DataFiles)
            if (!await store.ExistsAsync($"{prefix}/{file}", ct))
                throw new InvalidOperationException($"Output file {file} is missing under {prefix}; not writing {OutputTables.SuccessFile}.");
        await WriteTextAsync(store, $"{prefix}/{OutputTables.SuccessFile}", "", ct);
    }

    /// <param name="instanceId">The run's instance id; null for <c>mmm fit</c>.</param>
    public static async Task WriteErrorAsync(IRunStore store, string prefix, RunError error, string? instanceId, CancellationToken ct)
    {
        await RefuseIfFinishedAsync(store, prefix, ct);
        var report = new ErrorReport(error.Code, error.Message, error.Details, instanceId);
        await WriteTextAsync(store, $"{prefix}/{OutputTables.ErrorFile}", report.ToJson(), ct);
    }

    /// <summary>Lets a caller refuse a folder before doing the work whose results would go there.</summary>
    /// <exception cref="IOException">The folder already holds a finished run (_SUCCESS).</exception>
    public static async Task RefuseIfFinishedAsync(IRunStore store, string prefix, CancellationToken ct)
    {
        if (await store.ExistsAsync($"{prefix}/{OutputTables.SuccessFile}", ct))
            throw new IOException($"'{prefix}' already holds a completed run ({OutputTables.SuccessFile} exists); refusing to overwrite it");
    }

    private static async Task WriteTableAsync(IRunStore store, string uri, Func<Stream, Task> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await write(buffer);
        buffer.Position = 0;
        await store.WriteAsync(uri, buffer, ct);
    }

    /// <summary>A text file (UTF-8), written whole through the store.</summary>
    internal static async Task WriteTextAsync(IRunStore store, string uri, string text, CancellationToken ct)
    {
        using var buffer = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.WriteAsync(uri, buffer, ct);
    }
}
