using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mmm.Science.Results;

/// <summary>JSON settings shared by summary.json and error.json: camelCase, indented.</summary>
public static class SummaryJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            // Undefined metrics are null by design; this only keeps a stray NaN/Inf from failing a whole run at the last step.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static RunSummary Deserialize(string json) =>
        JsonSerializer.Deserialize<RunSummary>(json, Options) ?? throw new InvalidDataException("summary.json is null");
}
