using System.Text.Json;
using Mmm.Science.Data;

namespace Mmm.Science.Decisions;

/// <summary>model.json: the <see cref="SavedModel"/> as camelCase JSON with its <c>formatVersion</c> (docs/contract.md).</summary>
public static class SavedModelJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string Serialize(SavedModel model) => JsonSerializer.Serialize(model, Json);

    /// <exception cref="PlanInputException">no_saved_model: not JSON of this shape, or another format version.</exception>
    public static SavedModel Parse(string json, string source)
    {
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                if (!document.RootElement.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number)
                    throw Bad(source, "it has no formatVersion");
                if (version.GetInt32() != SavedModel.CurrentFormatVersion)
                    throw Bad(source, $"its formatVersion is {version.GetInt32()}; this build reads version {SavedModel.CurrentFormatVersion} (re-run the fit to save it again)");
            }
            var model = JsonSerializer.Deserialize<SavedModel>(json, Json) ?? throw Bad(source, "it is null");
            Check(model, source);
            return model;
        }
        catch (JsonException e)
        {
            throw Bad(source, $"it is not a saved model ({e.Message})");
        }
    }

    private static void Check(SavedModel m, string source)
    {
        int r = m.RegionCount, c = m.ChannelCount, t = m.PeriodCount;
        bool ok = m.KpiDivisor.Length == r && m.MediaDivisor.Length == r * c && m.SpendPerUnit.Length == c && m.Media.Length == r * t * c
            && m.Present.Length == r * t && m.TrainEnd > 0 && m.TrainEnd <= t
            && m.Members.Append(m.Point).All(d => d.Decay.Length == c && d.Slope.Length == c && d.Half.Length == c && d.Effect.Length == r * c)
            && m.Edges.All(e => m.ChannelIndex(e.Source) >= 0 && m.ChannelIndex(e.Target) >= 0);
        if (!ok) throw Bad(source, "its arrays do not match its regions, weeks and channels");
    }

    private static PlanInputException Bad(string source, string why) =>
        new(ErrorCodes.NoSavedModel, $"{source} cannot be used as a saved model: {why}", SavedModel.FileName);
}
