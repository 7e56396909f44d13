using System.Text.Json;
using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Parity;

/// <summary>
/// Reads tests/data/reference-golden.json (vectors produced by running DeepCausalMMM 1.0.21; see
/// tests/data/README.md): tensors are {shape, dtype, data} with row-major data.
/// </summary>
public static class GoldenFile
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "reference-golden.json"))));

    public static JsonElement Case(string name) => Document.Value.RootElement.GetProperty("cases").GetProperty(name);

    public static JsonElement At(this JsonElement element, params string[] path) =>
        path.Aggregate(element, (e, key) => e.GetProperty(key));

    public static long[] Shape(JsonElement tensor) =>
        tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static double[] Values(JsonElement tensor) =>
        tensor.GetProperty("data").EnumerateArray().Select(Number).ToArray();

    public static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.NaN },
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => e.GetDouble(),
    };

    public static Tensor ToTensor(JsonElement tensor)
    {
        var dtype = tensor.GetProperty("dtype").GetString();
        var shape = Shape(tensor);
        var values = Values(tensor);
        return dtype switch
        {
            "int64" => TorchSharp.torch.tensor(values.Select(v => (long)v).ToArray(), shape),
            "float64" => TorchSharp.torch.tensor(values, shape),
            _ => TorchSharp.torch.tensor(values.Select(v => (float)v).ToArray(), shape),
        };
    }

    /// <summary>The reference options for a golden case: reference preset with the case's constructor arguments.</summary>
    public static MmmOptions Options(JsonElement goldenCase) => MmmOptions.Reference with
    {
        Hidden = goldenCase.At("constructor_args", "hidden").GetInt32(),
        BurnInWeeks = goldenCase.At("constructor_args", "burn_in_weeks").GetInt32(),
        Dropout = goldenCase.At("constructor_args", "dropout").GetDouble(),
        DagMode = OptionChoice.TryParse<DagMode>(goldenCase.At("constructor_args", "dag_mode").GetString(), out var mode) ? mode
            : throw new InvalidDataException("unknown dag_mode"),
        DagTemperature = goldenCase.At("constructor_args", "dag_temperature").GetDouble(),
    };

    /// <summary>Builds the network of a case and copies the golden state_dict into it by name.</summary>
    public static CausalMmmNetwork Network(JsonElement goldenCase, string stateKey = "state_dict")
    {
        var args = goldenCase.GetProperty("constructor_args");
        var net = new CausalMmmNetwork(Options(goldenCase), args.GetProperty("n_media").GetInt32(),
            args.GetProperty("ctrl_dim").GetInt32(), args.GetProperty("n_regions").GetInt32(), seasonalFeatures: 0);
        LoadState(net, goldenCase.GetProperty(stateKey));
        return net;
    }

    public static void LoadState(CausalMmmNetwork net, JsonElement stateDict)
    {
        var parameters = net.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var _ = no_grad();
        foreach (var entry in stateDict.EnumerateObject())
            if (parameters.TryGetValue(entry.Name, out var p))
                p.copy_(ToTensor(entry.Value).to(p.dtype).view(p.shape));
    }

    /// <summary>Seasonal series padded on the left to T by repeating its first value (as the reference does).</summary>
    public static Tensor PaddedSeasonal(JsonElement seasonal, long periods)
    {
        var s = ToTensor(seasonal);
        var pad = periods - s.shape[1];
        return pad <= 0 ? s.narrow(1, s.shape[1] - periods, periods)
            : cat([s.narrow(1, 0, 1).expand(s.shape[0], pad), s], 1);
    }
}
