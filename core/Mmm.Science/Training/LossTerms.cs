using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The named parts of a training objective, unweighted, then the total. The reference objective
/// (docs/model.md §5) fills Sparsity, L1, L2 and its priors; the modulated and structural objective fills
/// Priors (shape, pooling and shrinkage priors), Modulation and Calibration (the lift tests' likelihood, <see cref="Calibration"/>). Fit is the mean fit error over the fitted cells.
/// </summary>
public sealed record LossTerms(
    Tensor Total,
    Tensor Fit,
    Tensor Dag,
    Tensor? Sparsity,
    Tensor? L1,
    Tensor? L2,
    Tensor? AttributionRaw,
    Tensor? Attribution,
    Tensor? SeasonalRaw,
    Tensor? Seasonal,
    Tensor? Structure,
    Tensor? Priors = null,
    Tensor? Modulation = null,
    Tensor? Calibration = null);
