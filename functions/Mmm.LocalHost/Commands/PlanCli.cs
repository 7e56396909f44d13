using System.CommandLine;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm plan</c>'s command line (<see cref="PlanCommand"/>).</summary>
internal static class PlanCli
{
    public static Command Build()
    {
        var run = new Argument<string>("run") { HelpName = "output dir", Description = "a finished run's output folder (holds model.json)" };
        var request = new Option<string>("--request") { HelpName = "plan.json", Description = "a plan request (docs/contract.md); the options below override it" };
        var budget = new Option<double?>("--budget") { HelpName = "amount", Description = "spend over the horizon (default: the current plan's)" };
        var horizon = new Option<int?>("--horizon") { HelpName = "weeks", Description = "weeks to plan after the panel's last (default 13)" };
        var objective = new Option<string>("--objective") { HelpName = "maxKpi|targetRoas|targetMarginalRoas", Description = "what to optimise (default maxKpi)" };
        var target = new Option<double?>("--target") { HelpName = "value", Description = "the ROAS or marginal ROAS of a target objective" };
        var bounds = new Option<string>("--bounds") { HelpName = "bounds.json", Description = "channel -> {min, max} (x current spend) or {minSpend, maxSpend}" };
        var flighting = new Option<bool>("--flighting") { Description = "decide spend per week too" };
        var whatIf = new Option<string>("--what-if") { HelpName = "spend.json", Description = "evaluate this plan instead: [{channel, week, spend}]" };
        var outDir = new Option<string>("--out") { HelpName = "dir", Description = "where the plan goes (default <run>/plan)" };
        var command = new Command("plan", "plan a budget (or evaluate a plan) from a finished run's saved model, without retraining")
            { run, request, budget, horizon, objective, target, bounds, flighting, whatIf, outDir };
        command.SetAction((result, ct) => PlanCommand.PlanAsync(result.GetValue(run)!, new PlanCommand.Overrides(
            result.GetValue(request), result.GetValue(budget), result.GetValue(horizon), result.GetValue(objective), result.GetValue(target),
            result.GetValue(bounds), result.GetValue(flighting), result.GetValue(whatIf)), result.GetValue(outDir), ct));
        return command;
    }
}
