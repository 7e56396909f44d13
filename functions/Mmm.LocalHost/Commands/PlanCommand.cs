using System.Text.Json.Nodes;
using Mmm.Science.Decisions;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Storage;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm plan</c>: loads a finished run's model.json (the folder must hold _SUCCESS), plans (or evaluates) a budget and writes budget.parquet, budget_weeks.parquet
/// (flighted and what-if plans) and plan.json, then _SUCCESS, into a folder of their own; the run's outputs are not touched.
/// Exit codes: 0, 3 for a plan request or saved model that cannot be used (the message says why), 1 for I/O.
/// </summary>
internal static class PlanCommand
{
    public const int InputExitCode = 3;

    public sealed record Overrides(string? RequestFile, double? Budget, int? Horizon, string? Objective, double? Target, string? BoundsFile,
        bool Flighting, string? WhatIfFile);

    public static async Task<int> PlanAsync(string runDir, Overrides overrides, string? outDir, CancellationToken ct)
    {
        outDir ??= Path.Combine(runDir, "plan");
        try
        {
            var store = new FileRunStore();
            var model = await PlanFiles.ReadModelAsync(store, Path.GetFullPath(runDir), ct);
            var request = PlanRequestJson.FromNode(await RequestNodeAsync(overrides, ct));
            var plan = BudgetPlanner.Plan(model, request);
            await PlanFiles.WriteAsync(store, Path.GetFullPath(outDir), plan, ct);
            ConsoleOutput.PlanPrinter.Print(plan.Summary, plan.Channels);
            Console.WriteLine($"Plan written to {outDir}");
            return 0;
        }
        catch (PlanInputException e)
        {
            Console.Error.WriteLine($"error [{e.Code}]{(e.Field is null ? "" : $" ({e.Field})")}: {e.Message}");
            return InputExitCode;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The request file's JSON with the command line's options written over it.</summary>
    private static async Task<JsonObject> RequestNodeAsync(Overrides o, CancellationToken ct)
    {
        JsonObject request = o.RequestFile is null ? [] : await ReadJsonAsync(o.RequestFile, ct) as JsonObject
            ?? throw new PlanInputException(Mmm.Science.Data.ErrorCodes.BadPlan, $"{o.RequestFile} must hold a JSON object", "request");
        if (o.Budget is double budget) request["budget"] = budget;
        if (o.Horizon is int horizon) request["horizonWeeks"] = horizon;
        if (o.Objective is string objective) request["objective"] = objective;
        if (o.Target is double target) request["target"] = target;
        if (o.Flighting) request["flighting"] = true;
        if (o.BoundsFile is string bounds) request["bounds"] = await ReadJsonAsync(bounds, ct);
        if (o.WhatIfFile is string whatIf) request["spend"] = await ReadJsonAsync(whatIf, ct);
        return request;
    }

    private static async Task<JsonNode?> ReadJsonAsync(string path, CancellationToken ct)
    {
        try { return JsonNode.Parse(await File.ReadAllTextAsync(path, ct)); }
        catch (System.Text.Json.JsonException e) { throw new PlanInputException(Mmm.Science.Data.ErrorCodes.BadPlan, $"{path} is not valid JSON ({e.Message})", path); }
        catch (FileNotFoundException) { throw new PlanInputException(Mmm.Science.Data.ErrorCodes.BadPlan, $"{path} does not exist", path); }
    }
}
