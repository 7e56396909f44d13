using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mmm.Science.Options;

namespace Mmm.Science.Data;

/// <summary>
/// The optional run config of docs/contract.md: one flat JSON object holding column role overrides
/// (<c>date</c>, <c>region</c>, <c>kpi</c>, <c>media</c>, <c>controls</c>) and any <see cref="MmmOptions"/>
/// setting by its camelCase name. <c>referenceCompat: true</c> starts from <see cref="MmmOptions.Reference"/>,
/// the other keys apply on top. <c>costPerUnit</c> gives the cost of one unit of media columns that are not
/// spend (see <see cref="CostPerUnit"/>); <c>liftTests</c> lists measured experiments (see <see cref="LiftTests"/>),
/// <c>roiPriors</c> prior beliefs about channels' returns (see <see cref="RoiPriors"/>).
/// </summary>
public sealed record RunConfig(ColumnRoles Roles, MmmOptions Options)
{
    public static RunConfig Default { get; } = new(ColumnRoles.None, new MmmOptions());

    /// <summary>Channel name -> cost of one unit (e.g. per impression); empty when the key is absent.</summary>
    public IReadOnlyDictionary<string, double> CostPerUnit { get; init; } = ChannelCosts.None;

    /// <summary>The experiments the fit is calibrated to (<see cref="LiftTest"/>); empty when the key is absent.</summary>
    public IReadOnlyList<LiftTest> LiftTests { get; init; } = [];

    /// <summary>Prior beliefs about channels' ROAS or KPI share (<see cref="RoiPrior"/>); empty when the key is absent.</summary>
    public IReadOnlyList<RoiPrior> RoiPriors { get; init; } = [];

    /// <summary>The run config key <c>budget</c>: a plan the run adds to its outputs (<see cref="Decisions.PlanRequestJson"/>); null when absent.</summary>
    public Decisions.PlanRequest? Budget { get; init; }

    public const string BudgetKey = "budget";

    internal static readonly JsonSerializerOptions OptionsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <exception cref="PanelInputException">bad_config or unknown_config_key.</exception>
    public static RunConfig Parse(string json, string sourceName)
    {
        var root = ParseObject(json, sourceName);
        var roles = ColumnRoles.FromJson(root, sourceName);
        var costs = ChannelCosts.FromJson(root, sourceName);
        var liftTests = Data.LiftTests.FromJson(root, sourceName);
        var roiPriors = Data.RoiPriors.FromJson(root, sourceName);
        var (options, unknownChoices) = ParseOptions(root, sourceName);
        if (MmmOptionsValidator.FirstProblem(options, unknownChoices) is { } found)
            throw BadConfig(sourceName, $"run config key '{found.Key}' {found.Problem}", found.Key);
        if (liftTests.Count > 0 && options.Architecture == Architecture.Reference)
            throw BadConfig(sourceName, $"run config key '{Data.LiftTests.Key}' needs the modulated or structural architecture; the reference network (referenceCompat) has no calibration term", Data.LiftTests.Key);
        if (roiPriors.Count > 0 && options.Architecture == Architecture.Reference)
            throw BadConfig(sourceName, $"run config key '{Data.RoiPriors.Key}' needs the modulated or structural architecture; the reference network (referenceCompat) has no prior on a channel's return", Data.RoiPriors.Key);
        var budget = BudgetFromJson(root, sourceName);
        if (budget is not null && options.Architecture == Architecture.Reference)
            throw BadConfig(sourceName, $"run config key '{BudgetKey}' needs the modulated or structural architecture; the reference network saves no model to plan with", BudgetKey);
        return new RunConfig(roles, options) { CostPerUnit = costs, LiftTests = liftTests, RoiPriors = roiPriors, Budget = budget, budgetJson = root[BudgetKey]?.DeepClone() };
    }

    private JsonNode? budgetJson;

    private static Decisions.PlanRequest? BudgetFromJson(JsonObject root, string sourceName)
    {
        if (!root.TryGetPropertyValue(BudgetKey, out var node) || node is null) return null;
        try
        {
            return Decisions.PlanRequestJson.FromNode(node);
        }
        catch (Decisions.PlanInputException e)
        {
            throw BadConfig(sourceName, $"run config key '{BudgetKey}': {e.Message}", BudgetKey);
        }
    }

    /// <summary>The effective config as one flat JSON object that <see cref="Parse"/> reads back to the same config.</summary>
    public string ToJson()
    {
        var root = new JsonObject();
        Roles.WriteTo(root);
        ChannelCosts.WriteTo(root, CostPerUnit);
        Data.LiftTests.WriteTo(root, LiftTests);
        Data.RoiPriors.WriteTo(root, RoiPriors);
        if (budgetJson is not null) root[BudgetKey] = budgetJson.DeepClone();
        foreach (var (key, value) in OptionsToJson(Options))
            root[key] = value?.DeepClone();
        return root.ToJsonString(IndentedJson);
    }

    /// <summary>A run config holding only <paramref name="tests"/> (key <c>liftTests</c>), e.g. to ship experiments with a panel.</summary>
    public static string LiftTestsJson(IReadOnlyList<LiftTest> tests)
    {
        var root = new JsonObject();
        Data.LiftTests.WriteTo(root, tests);
        return root.ToJsonString(IndentedJson);
    }

    private static JsonObject ParseObject(string json, string sourceName)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Data.RoiPriors.FieldGivenTwice(json, sourceName)
                ?? BadConfig(sourceName, $"the run config is not valid JSON ({e.Message})");
        }
        return node as JsonObject
            ?? throw BadConfig(sourceName, "the run config must be a JSON object");
    }

    /// <returns>The options, and the choice keys whose string named no choice (held at the preset's value, for the validator to report).</returns>
    private static (MmmOptions Options, IReadOnlyDictionary<string, string> UnknownChoices) ParseOptions(JsonObject root, string sourceName)
    {
        var startFromReference = false;
        if (root.TryGetPropertyValue("referenceCompat", out var compat))
        {
            if (compat?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                throw BadConfig(sourceName, "run config key 'referenceCompat' must be true or false", "referenceCompat");
            startFromReference = compat.GetValue<bool>();
        }

        var merged = OptionsToJson(startFromReference ? MmmOptions.Reference : new MmmOptions());
        var unknownChoices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in root)
        {
            if (ColumnRoles.IsRoleKey(key) || key == ChannelCosts.Key || key == Data.LiftTests.Key || key == Data.RoiPriors.Key || key == BudgetKey) continue;
            if (!merged.TryGetPropertyValue(key, out var preset))
                throw new PanelInputException(ErrorCodes.UnknownConfigKey, sourceName,
                    $"unknown run config key '{key}' (not a column role nor a model or training setting)", column: key);
            CheckKind(key, preset, value, sourceName);
            if (MmmOptionsValidator.ChoiceKeys.TryGetValue(key, out var allowed) && !allowed.Contains(value!.GetValue<string>(), StringComparer.Ordinal))
            {
                unknownChoices[key] = value.GetValue<string>();
                continue;
            }
            merged[key] = value?.DeepClone();
        }

        try
        {
            return (merged.Deserialize<MmmOptions>(OptionsJson) ?? throw BadConfig(sourceName, "the run config could not be read"),
                unknownChoices);
        }
        catch (JsonException e)
        {
            var key = KeyFromPath(e.Path);
            throw BadConfig(sourceName, $"run config key '{key}' has a value of the wrong type", key);
        }
    }

    /// <summary>The preset's JSON kind tells what a key accepts; only the nullable settings are null there.</summary>
    private static void CheckKind(string key, JsonNode? preset, JsonNode? value, string sourceName)
    {
        var expected = preset?.GetValueKind() ?? JsonValueKind.Null;
        var actual = value?.GetValueKind() ?? JsonValueKind.Null;
        var (ok, wanted) = expected switch
        {
            JsonValueKind.Number => (actual == JsonValueKind.Number, "a number"),
            JsonValueKind.String => (actual == JsonValueKind.String, "a string"),
            JsonValueKind.True or JsonValueKind.False => (actual is JsonValueKind.True or JsonValueKind.False, "true or false"),
            _ => (actual is JsonValueKind.Number or JsonValueKind.Null, "a number or null"),
        };
        if (!ok)
            throw BadConfig(sourceName, $"run config key '{key}' must be {wanted}", key);
    }

    private static JsonObject OptionsToJson(MmmOptions options) =>
        JsonSerializer.SerializeToNode(options, OptionsJson)!.AsObject();

    private static string KeyFromPath(string? path)
    {
        var key = (path ?? "").TrimStart('$', '.');
        var end = key.IndexOfAny(['.', '[']);
        return end >= 0 ? key[..end] : key;
    }

    internal static PanelInputException BadConfig(string sourceName, string detail, string? key = null) =>
        new(ErrorCodes.BadConfig, sourceName, detail, column: key);
}
