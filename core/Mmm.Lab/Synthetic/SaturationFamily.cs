using System.Text.Json.Serialization;

namespace Mmm.Lab.Synthetic;

/// <summary>The true saturation curve of a channel, applied to its region's mean-scaled adstock x.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SaturationFamily>))]
public enum SaturationFamily
{
    /// <summary>x^s / (x^s + g^s) (<see cref="SyntheticChannelSpec.HillSlope"/>, <see cref="SyntheticChannelSpec.HillHalfSaturation"/>): the model's own family.</summary>
    Hill,
    /// <summary>
    /// (1 - exp(-lambda x)) / (1 + exp(-lambda x)) (<see cref="SyntheticChannelSpec.LogisticLambda"/>), PyMC-Marketing's
    /// logistic_saturation: concave from the first unit, a family the model does not have.
    /// </summary>
    Logistic,
}
