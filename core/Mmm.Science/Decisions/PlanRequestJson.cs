using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mmm.Science.Data;

namespace Mmm.Science.Decisions;

/// <summary>
/// Reads a plan request (docs/contract.md "Plan requests"): a number (the budget over the default horizon) or an object with
/// <c>budget</c>, <c>horizonWeeks</c>, <c>objective</c> (<c>maxKpi</c>, <c>targetRoas</c>, <c>targetMarginalRoas</c>), <c>target</c>,
/// <c>bounds</c> (channel -> <c>{min, max}</c> as multiples of current spend, or <c>{minSpend, maxSpend}</c> in spend over the horizon),
/// <c>defaultBounds</c>, <c>flighting</c>, and <c>spend</c> (a what-if plan: <c>[{channel, week, spend}]</c>).
/// </summary>
public static class PlanRequestJson
{
    private static readonly string[] Keys = ["budget", "horizonWeeks", "objective", "target", "bounds", "defaultBounds", "flighting", "spend"];

    /// <exception cref="PlanInputException">bad_plan, naming the key.</exception>
    public static PlanRequest Parse(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException e) { throw Bad($"the plan request is not valid JSON ({e.Message})", null); }
        return FromNode(node);
    }

    public static PlanRequest FromNode(JsonNode? node)
    {
        if (node is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            return new PlanRequest { Budget = Budget(number) };
        if (node is not JsonObject o) throw Bad("a plan request must be a number (the budget) or a JSON object", null);
        foreach (var (key, _) in o)
            if (!Keys.Contains(key)) throw Bad($"unknown plan request key '{key}' (known: {string.Join(", ", Keys)})", key);
        var request = new PlanRequest();
        if (o["budget"] is { } b) request = request with { Budget = Budget(b) };
        if (o["horizonWeeks"] is { } h)
            request = request with { HorizonWeeks = h.GetValueKind() == JsonValueKind.Number && h.AsValue().TryGetValue<int>(out var weeks) && weeks is >= 1 and <= 520
                ? weeks : throw Bad($"horizonWeeks must be a whole number of weeks from 1 to 520, not {h.ToJsonString()}", "horizonWeeks") };
        if (o["objective"] is { } obj)
            request = request with
            {
                Objective = obj.GetValueKind() == JsonValueKind.String ? obj.GetValue<string>() switch
                {
                    "maxKpi" => PlanObjective.MaxKpi,
                    "targetRoas" => PlanObjective.TargetRoas,
                    "targetMarginalRoas" => PlanObjective.TargetMarginalRoas,
                    var other => throw Bad($"objective '{other}' is not one of maxKpi, targetRoas, targetMarginalRoas", "objective"),
                } : throw Bad("objective must be a string", "objective"),
            };
        if (o["target"] is { } t) request = request with { Target = Positive(t, "target") };
        if (request.Objective != PlanObjective.MaxKpi && request.Target is null) throw Bad($"objective {o["objective"]} needs a target > 0", "target");
        if (o["bounds"] is { } bounds)
        {
            if (bounds is not JsonObject perChannel) throw Bad("bounds must be an object of channel -> {min, max} or {minSpend, maxSpend}", "bounds");
            request = request with { Bounds = perChannel.ToDictionary(kv => kv.Key, kv => Bound(kv.Value, $"bounds.{kv.Key}"), StringComparer.Ordinal) };
        }
        if (o["defaultBounds"] is { } d) request = request with { Default = Bound(d, "defaultBounds") };
        if (o["flighting"] is { } f)
            request = request with { Flighting = f.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? f.GetValue<bool>() : throw Bad("flighting must be true or false", "flighting") };
        if (o["spend"] is { } spend) request = request with { Spend = Spend(spend) };
        return request;
    }

    private static double Budget(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var v) && double.IsFinite(v) && v >= 0
            ? v : throw Bad($"budget must be a finite number >= 0 (the spend over the horizon), not {node.ToJsonString()}", "budget");

    private static double Positive(JsonNode node, string key) =>
        node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var v) && double.IsFinite(v) && v > 0
            ? v : throw Bad($"{key} must be a finite number > 0, not {node.ToJsonString()}", key);

    private static double? NonNegative(JsonNode? node, string key) => node is null ? null
        : node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var v) && v >= 0 && !double.IsNaN(v)
            ? v : throw Bad($"{key} must be a number >= 0, not {node.ToJsonString()}", key);

    private static ChannelBound Bound(JsonNode? node, string key)
    {
        if (node is not JsonObject o) throw Bad($"{key} must be an object {{min, max}} (multiples of current spend) or {{minSpend, maxSpend}}", key);
        bool ratio = o.ContainsKey("min") || o.ContainsKey("max"), absolute = o.ContainsKey("minSpend") || o.ContainsKey("maxSpend");
        if (ratio && absolute) throw Bad($"{key} mixes min/max (ratios) with minSpend/maxSpend (spend); use one kind", key);
        foreach (var (k, _) in o)
            if (k is not ("min" or "max" or "minSpend" or "maxSpend")) throw Bad($"{key} has unknown key '{k}'", key);
        var bound = absolute
            ? new ChannelBound(NonNegative(o["minSpend"], key + ".minSpend"), NonNegative(o["maxSpend"], key + ".maxSpend"), BoundKind.Absolute)
            : new ChannelBound(NonNegative(o["min"], key + ".min"), NonNegative(o["max"], key + ".max"), BoundKind.Ratio);
        if (bound.Min > bound.Max) throw Bad($"{key} has a minimum above its maximum", key);
        return bound;
    }

    private static IReadOnlyList<PlannedSpend> Spend(JsonNode node)
    {
        if (node is not JsonArray items) throw Bad("spend must be an array of {channel, week, spend}", "spend");
        return items.Select((item, i) =>
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"spend[{i}]");
            if (item is not JsonObject o || o["channel"]?.GetValueKind() != JsonValueKind.String
                || o["week"]?.GetValueKind() != JsonValueKind.Number || !o["week"]!.AsValue().TryGetValue<int>(out var week)
                || o["spend"] is not { } s || NonNegative(s, at + ".spend") is not double amount)
                throw Bad($"{at} must be {{\"channel\": name, \"week\": 0.., \"spend\": >= 0}}", "spend");
            return new PlannedSpend(o["channel"]!.GetValue<string>(), week, amount);
        }).ToArray();
    }

    private static PlanInputException Bad(string message, string? key) => new(ErrorCodes.BadPlan, message, key);
}
