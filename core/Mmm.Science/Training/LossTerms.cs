using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The named parts of a training objective, unweighted, then the total. Fit is the mean fit error over the fitted cells;
/// Dag the channel graph's NOTEARS terms (0 where the objective has none). Each family's objective adds its own terms
/// (<see cref="ReferenceLossTerms"/>, <see cref="ModulatedLossTerms"/>).
/// </summary>
public abstract record LossTerms
{
    public required Tensor Total { get; init; }
    public required Tensor Fit { get; init; }
    public required Tensor Dag { get; init; }

    /// <summary>Every term but the total by its camelCase name, in a fixed order (null where the objective left it out);
    /// <see cref="LossGuard"/> names the first that is not finite.</summary>
    public IEnumerable<(string Name, Tensor? Value)> Terms() => [("fit", Fit), ("dag", Dag), .. FamilyTerms()];

    protected abstract IEnumerable<(string Name, Tensor? Value)> FamilyTerms();
}

/// <summary>The reference objective's terms (docs/model.md §5): sparsity, L1, L2, its optional attribution and seasonal priors
/// (raw and weighted) and the structure score.</summary>
public sealed record ReferenceLossTerms : LossTerms
{
    public required Tensor Sparsity { get; init; }
    public required Tensor L1 { get; init; }
    public required Tensor L2 { get; init; }
    public Tensor? AttributionRaw { get; init; }
    public Tensor? Attribution { get; init; }
    public Tensor? SeasonalRaw { get; init; }
    public Tensor? Seasonal { get; init; }
    public Tensor? Structure { get; init; }

    protected override IEnumerable<(string Name, Tensor? Value)> FamilyTerms() =>
    [
        ("sparsity", Sparsity), ("l1", L1), ("l2", L2), ("attributionRaw", AttributionRaw), ("attribution", Attribution),
        ("seasonalRaw", SeasonalRaw), ("seasonal", Seasonal), ("structure", Structure),
    ];
}

/// <summary>The modulated and structural objective's terms: the structure score, the priors (shape, pooling and shrinkage),
/// the modulation's prior (modulated architecture only) and the calibration (the lift tests' and ROI priors' likelihood,
/// <see cref="Training.Calibration"/>; null without either).</summary>
public sealed record ModulatedLossTerms : LossTerms
{
    public Tensor? Structure { get; init; }
    public required Tensor Priors { get; init; }
    public Tensor? Modulation { get; init; }
    public Tensor? Calibration { get; init; }

    protected override IEnumerable<(string Name, Tensor? Value)> FamilyTerms() =>
        [("structure", Structure), ("priors", Priors), ("modulation", Modulation), ("calibration", Calibration)];
}
