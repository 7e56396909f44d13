using System.Globalization;
using System.Text.Json;

namespace Mmm.Science.Tests.Scaling;

/// <summary>Reads tests/data/reference-golden.json: tensors are {shape, dtype, data} row-major; 'inf'/'nan' are strings.</summary>
internal static class GoldenFile
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "reference-golden.json"))));

    /// <summary>The element at a '/'-separated path under "cases"; numeric segments index arrays.</summary>
    public static JsonElement Case(string path)
    {
        var element = Document.Value.RootElement.GetProperty("cases");
        foreach (var part in path.Split('/'))
            element = element.ValueKind == JsonValueKind.Array ? element[int.Parse(part, CultureInfo.InvariantCulture)] : element.GetProperty(part);
        return element;
    }

    public static double[] Tensor(string path) => Case(path).GetProperty("data").EnumerateArray().Select(Number).ToArray();

    public static float[] TensorF(string path) => Tensor(path).Select(v => (float)v).ToArray();

    public static int[] Shape(string path) => Case(path).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static double Scalar(string path) => Number(Case(path));

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            var s => throw new FormatException($"Unexpected number string '{s}'."),
        }
        : e.GetDouble();
}
