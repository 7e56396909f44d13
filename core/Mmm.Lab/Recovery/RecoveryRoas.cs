namespace Mmm.Lab.Recovery;

/// <summary>
/// Spend-based ROAS (return on ad spend): a channel's contribution in KPI units per unit of spend, where the
/// media column's values are spend. Kept as one small function so the product's own ROAS (summary.json and
/// channels.parquet) can replace it once it exists.
/// </summary>
public static class RecoveryRoas
{
    /// <summary>contribution / spend; null when there was no spend.</summary>
    public static double? Roas(double contribution, double spend) => spend > 0 ? contribution / spend : null;

    /// <summary>|model / truth - 1|; null when the true ROAS is zero (a channel with no effect) or undefined.</summary>
    public static double? RelativeError(double? modelRoas, double? trueRoas) =>
        modelRoas is double model && trueRoas is double truth && truth != 0 ? Math.Abs(model / truth - 1) : null;
}
