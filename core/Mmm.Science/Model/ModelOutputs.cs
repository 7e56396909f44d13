using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// What every architecture's forward pass computes, in scaled KPI units. The prediction is
/// <c>PredictionScale * (media + controls + baseline + seasonal + trend)</c>, so the parts are additive.
/// Each family adds what only it computes (<see cref="ReferenceOutputs"/>, <see cref="ModulatedOutputs"/>).
/// </summary>
public abstract record ModelOutputs
{
    /// <summary>[R,T] the prediction.</summary>
    public required Tensor Prediction { get; init; }
    /// <summary>[R,T] before the prediction scale.</summary>
    public required Tensor RawPrediction { get; init; }
    /// <summary>[1] the prediction scale (1 for the modulated and structural architectures).</summary>
    public required Tensor PredictionScale { get; init; }
    /// <summary>[R,T,C] each channel's contribution: its response times its coefficient (before the prediction scale).</summary>
    public required Tensor MediaContributions { get; init; }
    /// <summary>[R,T,K] each control's contribution.</summary>
    public required Tensor ControlContributions { get; init; }
    /// <summary>[R,T] the baseline.</summary>
    public required Tensor Baseline { get; init; }
    /// <summary>[R,T] the seasonal part.</summary>
    public required Tensor Seasonal { get; init; }
    /// <summary>[R,T] the trend.</summary>
    public required Tensor Trend { get; init; }
    /// <summary>[R,T,C] the media coefficients the contributions use.</summary>
    public required Tensor MediaCoefficients { get; init; }
    /// <summary>[R,T,K] the control coefficients.</summary>
    public required Tensor ControlCoefficients { get; init; }
    /// <summary>[R,T,C] the adstocked media.</summary>
    public required Tensor MediaAdstock { get; init; }
    /// <summary>[R,T,C] the Hill response of the adstocked media.</summary>
    public required Tensor MediaHill { get; init; }
}

/// <summary>The reference network's forward pass (<see cref="CausalMmmNetwork"/>): the shared parts plus its DAG interaction, GRU and coefficient heads.</summary>
public sealed record ReferenceOutputs : ModelOutputs
{
    /// <summary>[R,T,C] the Hill response after the channel-graph interaction (what the coefficients multiply).</summary>
    public required Tensor MediaDag { get; init; }
    /// <summary>[R,T,H/2] the control MLP's features (after dropout in training).</summary>
    public required Tensor ControlFeatures { get; init; }
    /// <summary>[R,T,H] the GRU's states.</summary>
    public required Tensor GruStates { get; init; }
    /// <summary>[R,T,C] the media coefficient MLP's output before the bounding sigmoid.</summary>
    public required Tensor MediaCoefficientsRaw { get; init; }
    /// <summary>[R,T,K] the control coefficient MLP's output before the bounding tanh.</summary>
    public required Tensor ControlCoefficientsRaw { get; init; }
}

/// <summary>The modulated and structural architectures' forward pass (<see cref="ModulatedMmmNetwork"/>).</summary>
public sealed record ModulatedOutputs : ModelOutputs
{
    /// <summary>[R,T,C] the GRU's bounded modulation m, centred over the fitted weeks (media coefficient = effect * (1 + m));
    /// zeros when the GRU did not run (the structural architecture, the structural model alone).</summary>
    public required Tensor Modulation { get; init; }
}
