using System.Text.Json;
using Mmm.Science.Data;
using Mmm.Science.Decisions;
using Mmm.Science.Results;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Activities;

/// <summary>
/// Reads a finished run's saved model and writes a plan's own folder, for the planner orchestration (blobs) and <c>mmm plan</c>
/// (a local folder): budget.parquet, budget_weeks.parquet (flighted and what-if plans) and plan.json, then _SUCCESS last. The
/// run's folder is only read.
/// </summary>
public static class PlanFiles
{
    /// <summary>The run's model.json, from a run folder that holds _SUCCESS.</summary>
    /// <exception cref="PlanInputException">no_saved_model: the run has not finished, saved no model, or saved another format version.</exception>
    public static async Task<SavedModel> ReadModelAsync(IRunStore store, string runPrefix, CancellationToken ct)
    {
        if (!await store.ExistsAsync($"{runPrefix}/{OutputTables.SuccessFile}", ct))
            throw new PlanInputException(ErrorCodes.NoSavedModel,
                $"'{runPrefix}' holds no finished run ({OutputTables.SuccessFile} is missing): plan from a run that completed", SavedModel.FileName);
        var json = await store.ReadTextIfExistsAsync($"{runPrefix}/{SavedModel.FileName}", ct)
            ?? throw new PlanInputException(ErrorCodes.NoSavedModel,
                $"'{runPrefix}' has no {SavedModel.FileName}: plan from a run of the modulated or structural architecture", SavedModel.FileName);
        return SavedModelJson.Parse(json, $"{runPrefix}/{SavedModel.FileName}");
    }

    /// <summary>The plan's tables, plan.json, then _SUCCESS.</summary>
    /// <exception cref="IOException">The folder already holds a finished plan.</exception>
    public static async Task WriteAsync(IRunStore store, string prefix, PlanResult plan, CancellationToken ct)
    {
        await OutputFiles.RefuseIfFinishedAsync(store, prefix, ct);
        await store.DeleteIfExistsAsync($"{prefix}/{OutputTables.ErrorFile}", ct);
        await OutputFiles.WritePlanTablesAsync(store, prefix, plan, ct);
        await OutputFiles.WriteTextAsync(store, $"{prefix}/{OutputTables.PlanFile}", JsonSerializer.Serialize(plan.Summary, SummaryJson.Options), ct);
        await OutputFiles.WriteTextAsync(store, $"{prefix}/{OutputTables.SuccessFile}", "", ct);
    }

    /// <summary>plan.json of a finished plan folder; null when the folder holds no finished plan.</summary>
    public static async Task<PlanSummary?> ReadFinishedAsync(IRunStore store, string prefix, CancellationToken ct) =>
        await store.ExistsAsync($"{prefix}/{OutputTables.SuccessFile}", ct)
        && await store.ReadTextIfExistsAsync($"{prefix}/{OutputTables.PlanFile}", ct) is { } json
            ? JsonSerializer.Deserialize<PlanSummary>(json, SummaryJson.Options)
            : null;
}
