using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mmm.Science.Data;

/// <summary>
/// The run config key <c>costPerUnit</c>: channel name -> the cost of one unit of that media column, for
/// columns that hold units rather than spend (impressions, GRPs). Spend is units x cost; ROAS is
/// contribution / spend. Costs must be finite and positive, and name media channels of the file that are
/// not already spend (<c>spend_*</c>).
/// </summary>
internal static class ChannelCosts
{
    public const string Key = "costPerUnit";

    public static IReadOnlyDictionary<string, double> None { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Reads and checks the values of the key; absent or JSON null means no costs.</summary>
    public static IReadOnlyDictionary<string, double> FromJson(JsonObject root, string sourceName)
    {
        if (!root.TryGetPropertyValue(Key, out var node) || node is null) return None;
        if (node is not JsonObject costs)
            throw RunConfig.BadConfig(sourceName, $"run config key '{Key}' must be an object of channel name -> cost per unit, e.g. {{\"impressions_tv\": 0.004}}", Key);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (channel, value) in costs)
        {
            if (value?.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<double>(out var cost)
                || !double.IsFinite(cost) || cost <= 0)
                throw RunConfig.BadConfig(sourceName,
                    $"run config key '{Key}' gives channel '{channel}' the cost {value?.ToJsonString() ?? "null"}; a cost per unit must be a finite number > 0", Key);
            result[channel] = cost;
        }
        return result;
    }

    public static void WriteTo(JsonObject root, IReadOnlyDictionary<string, double> costs)
    {
        if (costs.Count == 0) return;
        var node = new JsonObject();
        foreach (var (channel, cost) in costs) node[channel] = cost;
        root[Key] = node;
    }

    /// <summary>Every costed channel must be a media channel of the file, and not a spend_* column (spend already).</summary>
    public static void CheckAgainst(IReadOnlyDictionary<string, double> costs, IReadOnlyList<string> channels, string source)
    {
        foreach (var channel in costs.Keys)
        {
            if (!channels.Contains(channel, StringComparer.Ordinal))
                throw new PanelInputException(ErrorCodes.BadConfig, source,
                    $"the run config key '{Key}' names '{channel}', which is not a media channel of this file (channels: {string.Join(", ", channels.Select(c => $"'{c}'"))})",
                    column: channel);
            if (channel.StartsWith(ColumnRoleResolver.SpendPrefix, StringComparison.Ordinal))
                throw new PanelInputException(ErrorCodes.BadConfig, source,
                    $"the run config key '{Key}' gives a cost per unit for '{channel}', whose name says it is spend already; costs per unit are for columns of units such as impressions_*",
                    column: channel);
        }
    }
}
