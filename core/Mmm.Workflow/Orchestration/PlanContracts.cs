namespace Mmm.Workflow.Orchestration;

// The planner orchestration's records (MmmPlanner): blob URIs and the plan's headline numbers.

/// <summary>The planner's input: which finished run, which request, where the plan goes.</summary>
/// <param name="Name">The request's name (its file name without .json).</param>
/// <param name="RunPrefix">Folder URI of the finished run's outputs (model.json, _SUCCESS).</param>
/// <param name="RequestUri">The plan request blob, <c>{RunPrefix}/plans/{Name}.json</c>.</param>
/// <param name="RequestEtag">The request version the plan is for: the activity reads it on this ETag (If-Match).</param>
/// <param name="OutputPrefix">Folder URI of the plan's files, <c>{RunPrefix}/plans/{instanceId}</c>.</param>
public sealed record PlanInput(string Name, string RunPrefix, string RequestUri, string RequestEtag, string OutputPrefix);

/// <summary>What a completed planner returns (status <c>output</c>): where the plan is and its headline (plan.json has the rest).</summary>
public sealed record PlanOutput(string OutputUri, string Kind, string Objective, double Budget, double ExpectedIncrementalKpi,
    double CurrentIncrementalKpi, double Gain, double? GainLow, double? GainHigh, double ProbabilityBeatsCurrent);

/// <summary>PlanBudget's result: the plan's headline, or the request's error (error.json is then written by WritePlanFailure).</summary>
public sealed record PlanBudgetResult(PlanOutput? Output, RunError? Error);

public sealed record PlanFailureInput(string InstanceId, PlanInput Plan, RunError Error);

/// <summary>The planner's <c>customStatus</c>.</summary>
public sealed record PlanStatus(string Phase, double Percent);
