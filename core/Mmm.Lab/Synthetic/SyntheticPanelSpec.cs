namespace Mmm.Lab.Synthetic;

/// <summary>
/// What to generate. The defaults give a small, learnable panel: 8 regions x 130 weeks, four channels with a
/// planted DAG edge media_tv -> media_search, a price and a promo control, yearly seasonality, a gentle trend
/// and noise of about 4 % of each region's mean KPI. KPI-unit parameters are for a region of size 1
/// (baseline <see cref="BaseLevel"/>); region r multiplies them by its size factor, spread over
/// [1, <see cref="MaxRegionSizeRatio"/>].
/// </summary>
public sealed record SyntheticPanelSpec
{
    public int Regions { get; init; } = 8;
    public int Weeks { get; init; } = 130;
    public DateOnly StartDate { get; init; } = new(2022, 1, 3);
    public int StepDays { get; init; } = 7;
    public ulong Seed { get; init; } = 7;
    public string KpiName { get; init; } = "kpi";

    public IReadOnlyList<SyntheticChannelSpec> Channels { get; init; } = DefaultChannels;
    public IReadOnlyList<SyntheticControlSpec> Controls { get; init; } = DefaultControls;

    /// <summary>Weekly baseline KPI of a size-1 region.</summary>
    public double BaseLevel { get; init; } = 10_000.0;
    /// <summary>Largest region size / smallest; sizes are spread geometrically and shuffled.</summary>
    public double MaxRegionSizeRatio { get; init; } = 5.0;

    /// <summary>Per-region yearly seasonal amplitude, as a fraction of the region's baseline.</summary>
    public double SeasonalAmplitudeMin { get; init; } = 0.06;
    public double SeasonalAmplitudeMax { get; init; } = 0.15;

    /// <summary>Per-region linear trend, as a fraction of the region's baseline per year.</summary>
    public double TrendPerYearMin { get; init; } = -0.03;
    public double TrendPerYearMax { get; init; } = 0.06;

    /// <summary>Noise sd as a fraction of the region's mean noise-free KPI (0.04 = signal-to-noise 25:1).</summary>
    public double NoiseSdFraction { get; init; } = 0.04;

    /// <summary>How many regions (the last ones) start late and/or end early; their other cells are absent.</summary>
    public int RaggedRegions { get; init; } = 0;

    public static IReadOnlyList<SyntheticChannelSpec> DefaultChannels { get; } =
    [
        new("media_tv", MediaPattern.Flighted, Scale: 500.0, AdstockDecay: 0.6, HillSlope: 2.0, HillHalfSaturation: 0.8, Beta: 4000.0),
        new("media_search", MediaPattern.Campaigns, Scale: 20_000.0, AdstockDecay: 0.2, HillSlope: 2.5, HillHalfSaturation: 0.7, Beta: 2500.0,
            DrivenBy: "media_tv", DrivenShare: 0.6),
        new("media_social", MediaPattern.Campaigns, Scale: 8_000.0, AdstockDecay: 0.4, HillSlope: 2.0, HillHalfSaturation: 1.0, Beta: 2800.0),
        new("media_display", MediaPattern.QuarterlyBudget, Scale: 15_000.0, AdstockDecay: 0.3, HillSlope: 3.0, HillHalfSaturation: 0.6, Beta: 1600.0),
    ];

    public static IReadOnlyList<SyntheticControlSpec> DefaultControls { get; } =
    [
        new("control_price", ControlKind.Continuous, Coefficient: -800.0, Reference: 10.0, Variability: 0.05),
        new("control_promo", ControlKind.EventDummy, Coefficient: 1500.0, Reference: 0.0, Variability: 0.08),
    ];
}
