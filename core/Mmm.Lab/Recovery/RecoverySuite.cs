using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Recovery;

/// <summary>
/// The recovery benchmark's scenarios: fourteen seeded synthetic ones with known truth, each combining several of
/// the hard cases an MMM meets (one and several regions, short and long histories, small channels next to large ones, a
/// channel with exactly zero effect, spend that follows the season, flighted on/off spend, a channel confounded
/// with an observed control, a funnel edge, low and high noise, ragged regions), then four the model is not built
/// for (a driver of the KPI and of one channel's spend that is not in the panel, without and with an experiment on
/// that channel; logistic response curves, a family the model's Hill curves lack; spend raised in the holdout beyond
/// anything in the training weeks), plus the shipped PyMC example. Channels state their true share of the KPI
/// (betas are calibrated to it, see <see cref="TargetShareCalibration"/>); their response shapes are drawn, not
/// chosen (<see cref="TruthShapes"/>); spend scales differ 10-16x between a scenario's channels. Sizes are small (1-8
/// regions, 80-200 weeks) so the suite runs the real default model in minutes on one thread of an idle machine (the
/// first ten and the PyMC example: 273 s measured, 337 s CPU with the attribution intervals; the old default took
/// 36 minutes).
/// </summary>
public static class RecoverySuite
{
    // Declared before the scenarios: static initialisers run in text order.
    /// <summary>A demand index that raises the KPI (about 5 % of it per sd) and, where a channel follows it, its spend.</summary>
    public static SyntheticControlSpec Demand { get; } = new("control_demand", ControlKind.Continuous, Coefficient: 60.0, Reference: 100.0, Variability: 0.08);

    private static SyntheticControlSpec Promo { get; } = new("control_promo", ControlKind.EventDummy, Coefficient: 1_500.0, Reference: 0.0, Variability: 0.08);

    /// <summary>
    /// <see cref="Demand"/> unobserved (not a column of the panel), wandering slowly and widely enough that its
    /// contribution's sd is about 9 % of the KPI: the driver a model cannot adjust for.
    /// </summary>
    public static SyntheticControlSpec HiddenDemand { get; } = Demand with { Observed = false, Variability = HiddenDemandVariability, Persistence = 0.95 };

    private const double HiddenDemandVariability = 0.22;

    private static SyntheticScenario UnobservedDemand { get; } =
        Scenario("unobserved-demand", seed: 111, regions: 5, weeks: 130, noise: 0.04,
            ["several regions", "unobserved driver", "confounded with an unobserved control", "flighted"],
            [
                Channel("media_search", MediaPattern.AlwaysOn, share: 0.05, scale: 20_000) with { SpendFollowsControl = HiddenDemand.Name, ControlElasticity = 0.6 },
                Channel("media_tv", MediaPattern.Flighted, share: 0.14, scale: 2_000),
                Channel("media_social", MediaPattern.Campaigns, share: 0.07, scale: 6_000),
                Channel("media_display", MediaPattern.QuarterlyBudget, share: 0.03, scale: 1_500),
            ],
            controls: [HiddenDemand, Promo]);

    /// <summary>Every scenario, the PyMC example last (its files are read from <paramref name="dataDirectory"/>).</summary>
    public static IReadOnlyList<RecoveryScenario> Scenarios(string dataDirectory) =>
        [.. Synthetic.Select(s => s.ToScenario()), PymcExampleScenario.Scenario(dataDirectory)];

    public static IReadOnlyList<SyntheticScenario> Synthetic { get; } =
    [
        Scenario("small-next-to-large", seed: 101, regions: 6, weeks: 104, noise: 0.04,
            ["several regions", "small next to large", "zero-effect", "flighted"],
            [
                Channel("media_tv", MediaPattern.Flighted, share: 0.20, scale: 2_000),
                Channel("media_search", MediaPattern.AlwaysOn, share: 0.02, scale: 20_000),
                Channel("media_social", MediaPattern.Campaigns, share: 0.15, scale: 6_000),
                Channel("media_display", MediaPattern.AlwaysOn, share: 0.015, scale: 1_500),
                Channel("media_zero", MediaPattern.QuarterlyBudget, share: 0.0, scale: 4_000),
            ]),
        Scenario("one-region-short", seed: 102, regions: 1, weeks: 80, noise: 0.03,
            ["one region", "short", "small next to large", "zero-effect", "flighted"],
            [
                Channel("media_tv", MediaPattern.Flighted, share: 0.18, scale: 3_000),
                Channel("media_online", MediaPattern.AlwaysOn, share: 0.03, scale: 30_000),
                Channel("media_zero", MediaPattern.Campaigns, share: 0.0, scale: 8_000),
            ]),
        Scenario("one-region-long", seed: 103, regions: 1, weeks: 200, noise: 0.05,
            ["one region", "long", "seasonal spend", "flighted", "zero-effect"],
            [
                Channel("media_tv", MediaPattern.Seasonal, share: 0.16, scale: 5_000),
                Channel("media_radio", MediaPattern.Flighted, share: 0.06, scale: 1_000),
                Channel("media_search", MediaPattern.AlwaysOn, share: 0.025, scale: 15_000),
                Channel("media_zero", MediaPattern.AlwaysOn, share: 0.0, scale: 3_000),
            ]),
        Scenario("funnel", seed: 104, regions: 5, weeks: 130, noise: 0.04,
            ["several regions", "funnel edge", "flighted", "zero-effect"],
            [
                Channel("media_tv", MediaPattern.Flighted, share: 0.18, scale: 1_500),
                Channel("media_search", MediaPattern.Campaigns, share: 0.08, scale: 20_000) with { DrivenBy = "media_tv", DrivenShare = 0.5 },
                Channel("media_social", MediaPattern.AlwaysOn, share: 0.05, scale: 5_000),
                Channel("media_zero", MediaPattern.QuarterlyBudget, share: 0.0, scale: 2_500),
            ]),
        Scenario("confounded-demand", seed: 105, regions: 5, weeks: 130, noise: 0.04,
            ["several regions", "confounded with a control", "zero-effect (confounded too)", "small next to large"],
            [
                Channel("media_search", MediaPattern.AlwaysOn, share: 0.10, scale: 20_000) with { SpendFollowsControl = Demand.Name, ControlElasticity = 0.6 },
                Channel("media_tv", MediaPattern.Flighted, share: 0.15, scale: 2_000),
                Channel("media_display", MediaPattern.Campaigns, share: 0.03, scale: 1_500),
                Channel("media_zero", MediaPattern.AlwaysOn, share: 0.0, scale: 6_000) with { SpendFollowsControl = Demand.Name, ControlElasticity = 0.4 },
            ],
            controls: [Demand, Promo]),
        Scenario("seasonal-spend", seed: 106, regions: 4, weeks: 156, noise: 0.04,
            ["several regions", "seasonal spend", "small next to large", "flighted"],
            [
                Channel("media_tv", MediaPattern.Seasonal, share: 0.22, scale: 4_000) with { SeasonalSpendStrength = 0.6 },
                Channel("media_search", MediaPattern.Seasonal, share: 0.02, scale: 24_000) with { SeasonalSpendStrength = 0.4 },
                Channel("media_display", MediaPattern.Flighted, share: 0.06, scale: 1_500),
                Channel("media_social", MediaPattern.AlwaysOn, share: 0.04, scale: 8_000),
            ]),
        Scenario("high-noise", seed: 107, regions: 6, weeks: 104, noise: 0.12,
            ["several regions", "high noise", "small next to large", "zero-effect", "flighted"],
            [
                Channel("media_tv", MediaPattern.Flighted, share: 0.20, scale: 2_500),
                Channel("media_search", MediaPattern.Campaigns, share: 0.10, scale: 25_000),
                Channel("media_small", MediaPattern.AlwaysOn, share: 0.02, scale: 2_000),
                Channel("media_zero", MediaPattern.Flighted, share: 0.0, scale: 5_000),
            ]),
        Scenario("low-noise-long", seed: 108, regions: 4, weeks: 200, noise: 0.015,
            ["several regions", "long", "low noise", "funnel edge", "seasonal spend", "small next to large"],
            [
                Channel("media_tv", MediaPattern.Flighted, share: 0.15, scale: 2_000),
                Channel("media_search", MediaPattern.AlwaysOn, share: 0.07, scale: 24_000) with { DrivenBy = "media_tv", DrivenShare = 0.4 },
                Channel("media_social", MediaPattern.Campaigns, share: 0.04, scale: 6_000),
                Channel("media_display", MediaPattern.QuarterlyBudget, share: 0.01, scale: 3_000),
                Channel("media_radio", MediaPattern.Seasonal, share: 0.03, scale: 2_500),
            ]),
        Scenario("ragged", seed: 109, regions: 8, weeks: 104, noise: 0.05,
            ["several regions", "ragged regions", "small next to large", "zero-effect", "flighted"],
            [
                Channel("media_tv", MediaPattern.Campaigns, share: 0.12, scale: 3_000),
                Channel("media_search", MediaPattern.AlwaysOn, share: 0.06, scale: 30_000),
                Channel("media_display", MediaPattern.Flighted, share: 0.02, scale: 2_000),
                Channel("media_zero", MediaPattern.AlwaysOn, share: 0.0, scale: 10_000),
            ],
            ragged: 3),
        Scenario("short-many-channels", seed: 110, regions: 6, weeks: 80, noise: 0.04,
            ["several regions", "short", "funnel edge", "confounded with a control", "seasonal spend", "zero-effect", "ragged regions"],
            [
                Channel("media_tv", MediaPattern.Flighted, share: 0.16, scale: 2_000),
                Channel("media_search", MediaPattern.Campaigns, share: 0.06, scale: 25_000) with { DrivenBy = "media_tv", DrivenShare = 0.5 },
                Channel("media_video", MediaPattern.AlwaysOn, share: 0.08, scale: 4_000) with { SpendFollowsControl = Demand.Name, ControlElasticity = 0.5 },
                Channel("media_social", MediaPattern.Seasonal, share: 0.04, scale: 5_000),
                Channel("media_display", MediaPattern.AlwaysOn, share: 0.015, scale: 3_000),
                Channel("media_zero", MediaPattern.QuarterlyBudget, share: 0.0, scale: 6_000),
            ],
            controls: [Demand, Promo], ragged: 1),
        UnobservedDemand,
        // The same panel and truth, plus one realistic experiment on the confounded channel.
        UnobservedDemand with
        {
            Name = "unobserved-demand-tested",
            Features = [.. UnobservedDemand.Features, "lift test"],
            LiftTests = [new ScenarioLiftTest("media_search", Regions: 2, Weeks: 6, StartFraction: 0.5, SeFraction: 0.15)],
        },
        Scenario("logistic-curves", seed: 113, regions: 4, weeks: 156, noise: 0.04,
            ["several regions", "logistic curves", "seasonal spend", "flighted"],
            [
                Logistic(Channel("media_tv", MediaPattern.Flighted, share: 0.15, scale: 2_000)),
                Logistic(Channel("media_search", MediaPattern.AlwaysOn, share: 0.06, scale: 24_000)),
                Logistic(Channel("media_social", MediaPattern.Campaigns, share: 0.08, scale: 6_000)),
                Logistic(Channel("media_radio", MediaPattern.Seasonal, share: 0.03, scale: 2_500)),
            ]),
        Scenario("holdout-spend-up", seed: 114, regions: 6, weeks: 130, noise: 0.04,
            ["several regions", "holdout spend beyond training range", "small next to large", "flighted"],
            [
                Channel("media_tv", MediaPattern.Flighted, share: 0.15, scale: 2_000),
                Channel("media_search", MediaPattern.AlwaysOn, share: 0.05, scale: 20_000) with { HoldoutSpendFactor = 1.8 },
                Channel("media_social", MediaPattern.Campaigns, share: 0.08, scale: 6_000) with { HoldoutSpendFactor = 2.0 },
                Channel("media_display", MediaPattern.QuarterlyBudget, share: 0.02, scale: 1_500),
            ]),
    ];

    private static SyntheticScenario Scenario(string name, ulong seed, int regions, int weeks, double noise, string[] features,
        SyntheticChannelSpec[] channels, SyntheticControlSpec[]? controls = null, int ragged = 0) =>
        new(name, features, new SyntheticPanelSpec
        {
            Seed = seed,
            Regions = regions,
            Weeks = weeks,
            NoiseSdFraction = noise,
            RaggedRegions = ragged,
            Channels = TruthShapes.Draw(channels, seed),
            Controls = controls ?? SyntheticPanelSpec.DefaultControls,
        });

    /// <summary>A channel of <see cref="Channel"/> with a logistic curve; its lambda is drawn by <see cref="TruthShapes"/>.</summary>
    private static SyntheticChannelSpec Logistic(SyntheticChannelSpec channel) => channel with { Saturation = SaturationFamily.Logistic };

    /// <summary>A channel with a target share; its shape is drawn later by <see cref="TruthShapes"/>.</summary>
    private static SyntheticChannelSpec Channel(string name, MediaPattern pattern, double share, double scale) =>
        new(name, pattern, scale, AdstockDecay: double.NaN, HillSlope: double.NaN, HillHalfSaturation: double.NaN, Beta: 0.0) { TargetShare = share };
}
