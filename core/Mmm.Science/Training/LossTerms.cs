using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>The named parts of the training objective (model-spec §5). Unweighted parts, then the total.</summary>
public sealed record LossTerms(
    Tensor Total,
    Tensor Fit,
    Tensor Dag,
    Tensor Sparsity,
    Tensor L1,
    Tensor L2,
    Tensor? AttributionRaw,
    Tensor? Attribution,
    Tensor? SeasonalRaw,
    Tensor? Seasonal,
    Tensor? Structure);
