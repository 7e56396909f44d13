namespace Mmm.Lab.Synthetic;

/// <summary>How a channel's own (not parent-driven) activity moves over time.</summary>
public enum MediaPattern
{
    /// <summary>Bursts of 2-6 weeks on air separated by 2-8 dark weeks (zero activity).</summary>
    Flighted,
    /// <summary>Always on, slowly wandering level (log AR(1)).</summary>
    AlwaysOn,
    /// <summary>A low always-on floor plus occasional 3-5 week campaign pushes.</summary>
    Campaigns,
    /// <summary>Budget reset every quarter (13 weeks) plus small weekly jitter.</summary>
    QuarterlyBudget,
    /// <summary>
    /// Spend that follows the KPI's season: level * (1 + k * season) * noise, with season the region's
    /// unit-amplitude seasonal shape and k <see cref="SyntheticChannelSpec.SeasonalSpendStrength"/>.
    /// </summary>
    Seasonal,
}
