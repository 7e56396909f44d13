using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// Everything one forward pass computes, in scaled KPI units. The prediction is
/// <c>PredictionScale * (media + controls + baseline + seasonal + trend)</c>, so the parts are additive.
/// </summary>
public sealed record ModelOutputs(
    Tensor Prediction,            // [R,T]
    Tensor RawPrediction,         // [R,T] before the prediction scale
    Tensor PredictionScale,       // [1]
    Tensor MediaContributions,    // [R,T,C] transformed media * coefficient (before prediction scale)
    Tensor ControlContributions,  // [R,T,K]
    Tensor Baseline,              // [R,T]
    Tensor Seasonal,              // [R,T]
    Tensor Trend,                 // [R,T]
    Tensor MediaCoefficients,     // [R,T,C]
    Tensor ControlCoefficients,   // [R,T,K]
    Tensor MediaAdstock,          // [R,T,C]
    Tensor MediaHill,             // [R,T,C]
    Tensor MediaDag,              // [R,T,C]
    Tensor ControlFeatures,       // [R,T,H/2]
    Tensor GruStates,             // [R,T,H]
    Tensor MediaCoefficientsRaw,  // [R,T,C] MLP output before the bounding sigmoid
    Tensor ControlCoefficientsRaw // [R,T,K]
);
