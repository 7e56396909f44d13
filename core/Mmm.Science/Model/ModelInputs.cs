using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// The tensors of one forward pass over the whole panel (regions are the batch).
/// </summary>
/// <param name="Media">[R,T,C] scaled media.</param>
/// <param name="Controls">[R,T,K] scaled controls.</param>
/// <param name="Seasonal">Reference seasonality: [R,T] per-region seasonal series in [0,1].
/// Calendar seasonality: [T,F] Fourier features of each period's calendar position.</param>
/// <param name="TrendTime">[T] damped-trend time index (unused when the trend is off).</param>
/// <param name="FitCells">[R,T] 1 on the cells the KPI is fitted on (present training weeks after burn-in): the
/// modulated architecture centres its modulation there. Null where a caller has no split (the reference ignores it).</param>
/// <param name="DriftBasis">[T,K] the interpolation weights of each period on the time-varying baseline's knots
/// (<see cref="BaselineDrift"/>); null without a split or a drift.</param>
/// <param name="Experimented">[C] 1 for the channels a lift test measured, whose association with the KPI beyond their
/// causal effect the model may give to the baseline (<see cref="StructuralValues.Confounding"/>); null: none.</param>
public sealed record ModelInputs(Tensor Media, Tensor Controls, Tensor Seasonal, Tensor TrendTime, Tensor? FitCells = null, Tensor? DriftBasis = null,
    Tensor? Experimented = null) : IDisposable
{
    public long Regions => Media.shape[0];
    public long Periods => Media.shape[1];

    public ModelInputs To(Device device) =>
        new(Media.to(device), Controls.to(device), Seasonal.to(device), TrendTime.to(device), FitCells?.to(device), DriftBasis?.to(device), Experimented?.to(device));

    public void Dispose()
    {
        Media.Dispose();
        Controls.Dispose();
        Seasonal.Dispose();
        TrendTime.Dispose();
        FitCells?.Dispose();
        DriftBasis?.Dispose();
        Experimented?.Dispose();
    }
}
