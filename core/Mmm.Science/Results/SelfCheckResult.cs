namespace Mmm.Science.Results;

/// <summary>
/// What the self-check (run config <c>selfCheck</c>) found on this very panel: K panels simulated from the fitted model,
/// whose truth is therefore known, refitted by the product's procedure (docs/model.md §9). Shares are percent of the
/// actual KPI over all rows.
/// </summary>
/// <param name="Refits">K, the simulated panels refitted.</param>
/// <param name="Channels">Per channel, in input order.</param>
/// <param name="Covered">Over every channel and refit: how often the refit's 90 % interval held the simulated truth.</param>
/// <param name="Count">Channels x refits.</param>
public sealed record SelfCheckResult(int Refits, IReadOnlyList<SelfCheckChannel> Channels, int Covered, int Count)
{
    /// <summary>Covered / Count, the intervals' real coverage on panels like this one (null without refits).</summary>
    public double? Coverage => Count > 0 ? (double)Covered / Count : null;
}

/// <param name="TrueShare">The simulated panels' true share: the fitted model's own (percent of the KPI).</param>
/// <param name="MeanShare">The refits' mean share.</param>
/// <param name="MeanError">The refits' mean |share - true share|, in percentage points: how well this panel identifies the channel.</param>
/// <param name="Covered">Refits whose 90 % interval held the true share.</param>
public sealed record SelfCheckChannel(string Channel, double TrueShare, double MeanShare, double MeanError, int Covered);
