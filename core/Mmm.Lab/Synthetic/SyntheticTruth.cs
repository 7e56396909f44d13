namespace Mmm.Lab.Synthetic;

/// <summary>
/// The ground truth behind a synthetic panel. <see cref="Contributions"/> holds, per (region, period), every
/// component in KPI units in the order of <see cref="Components"/>: <c>baseline</c>, <c>trend</c>,
/// <c>seasonality</c>, each channel, each control, <c>noise</c>. They sum to the KPI (the KPI is defined as
/// their sum). Absent cells hold 0 everywhere. Channel contributions are direct effects: the part of search
/// that TV drives is credited to search, as the model's decomposition does.
/// </summary>
public sealed class SyntheticTruth
{
    public const string Baseline = "baseline";
    public const string Trend = "trend";
    public const string Seasonality = "seasonality";
    public const string Noise = "noise";

    public required IReadOnlyList<string> Regions { get; init; }
    public required IReadOnlyList<DateOnly> Dates { get; init; }
    public required IReadOnlyList<SyntheticChannelSpec> Channels { get; init; }
    /// <summary>Every control of the spec, observed or not: an unobserved one is a component here but no column of the panel.</summary>
    public required IReadOnlyList<SyntheticControlSpec> Controls { get; init; }
    public required IReadOnlyList<string> Components { get; init; }
    /// <summary>[R*T*M] contributions in KPI units, M = <see cref="Components"/>.Count.</summary>
    public required double[] Contributions { get; init; }
    /// <summary>[R*T] the KPI (same values as the panel's).</summary>
    public required double[] Kpi { get; init; }
    /// <summary>[R*T] as in the panel.</summary>
    public required bool[] Present { get; init; }
    /// <summary>[R] size factor each KPI-unit parameter of the spec is multiplied by in that region.</summary>
    public required double[] RegionSize { get; init; }
    /// <summary>
    /// [R*C] each channel's beta in each region (KPI units per week at full saturation): the spec's beta times the
    /// region's size, or the calibrated beta of a channel with a <see cref="SyntheticChannelSpec.TargetShare"/>.
    /// </summary>
    public required double[] RegionBetas { get; init; }
    /// <summary>
    /// [R*C] the reference each channel's adstock is divided by before its saturation curve in each region: the mean over
    /// the region's span of the adstock of the spend as planned (before any <see cref="SyntheticChannelSpec.HoldoutSpendFactor"/>
    /// raise). With <see cref="RegionBetas"/>, what re-simulating the truth under another plan needs (<c>Decisions.TrueResponse</c>).
    /// </summary>
    public required double[] AdstockReferences { get; init; }
    /// <summary>The planted channel DAG.</summary>
    public required IReadOnlyList<DagEdge> Edges { get; init; }

    public int RegionCount => Regions.Count;
    public int PeriodCount => Dates.Count;
    public int ComponentCount => Components.Count;

    public IReadOnlyList<string> ChannelNames => Channels.Select(c => c.Name).ToArray();
    public IReadOnlyDictionary<string, double> AdstockDecays => Channels.ToDictionary(c => c.Name, c => c.AdstockDecay);
    /// <summary>
    /// Betas in KPI units for a size-1 region; region r: times <see cref="RegionSize"/>[r]. A calibrated channel's
    /// beta differs by region beyond its size, so it gets the mean over regions of beta / size (see <see cref="BetaInRegion"/>).
    /// </summary>
    public IReadOnlyDictionary<string, double> Betas => Channels.Select((c, i) => (c, i)).ToDictionary(
        x => x.c.Name,
        x => x.c.TargetShare is null ? x.c.Beta : Enumerable.Range(0, RegionCount).Average(r => BetaInRegion(r, x.i) / RegionSize[r]));
    public double BetaInRegion(int region, int channel) => RegionBetas[region * Channels.Count + channel];

    /// <summary>Channels whose true contribution is exactly zero in every cell.</summary>
    public IReadOnlyList<string> ZeroEffectChannels =>
        Channels.Where((_, c) => Enumerable.Range(0, RegionCount).All(r => BetaInRegion(r, c) == 0.0)).Select(ch => ch.Name).ToArray();

    public int ComponentIndex(string component)
    {
        for (int m = 0; m < Components.Count; m++)
            if (Components[m] == component) return m;
        throw new ArgumentException($"No component '{component}'. Known: {string.Join(", ", Components)}.", nameof(component));
    }

    public double ContributionAt(int region, int period, int component) =>
        Contributions[(region * PeriodCount + period) * ComponentCount + component];

    public double ContributionAt(int region, int period, string component) =>
        ContributionAt(region, period, ComponentIndex(component));

    /// <summary>Sum over all regions and the periods [from, toExclusive) of one component.</summary>
    public double ComponentTotal(int component, int fromPeriod, int toPeriodExclusive)
    {
        CheckRange(fromPeriod, toPeriodExclusive);
        double sum = 0.0;
        for (int r = 0; r < RegionCount; r++)
            for (int t = fromPeriod; t < toPeriodExclusive; t++)
                sum += ContributionAt(r, t, component);
        return sum;
    }

    public double KpiTotal(int fromPeriod, int toPeriodExclusive)
    {
        CheckRange(fromPeriod, toPeriodExclusive);
        double sum = 0.0;
        for (int r = 0; r < RegionCount; r++)
            for (int t = fromPeriod; t < toPeriodExclusive; t++)
                sum += Kpi[r * PeriodCount + t];
        return sum;
    }

    /// <summary>Each channel's total contribution and share of the total KPI over all regions and weeks.</summary>
    public IReadOnlyList<ChannelShare> ChannelShares() => ChannelShares(0, PeriodCount);

    /// <summary>Each channel's total contribution and share of the total KPI over the weeks [from, toExclusive).</summary>
    public IReadOnlyList<ChannelShare> ChannelShares(int fromPeriod, int toPeriodExclusive)
    {
        double kpi = KpiTotal(fromPeriod, toPeriodExclusive);
        var shares = new ChannelShare[Channels.Count];
        for (int c = 0; c < Channels.Count; c++)
        {
            double total = ComponentTotal(ComponentIndex(Channels[c].Name), fromPeriod, toPeriodExclusive);
            shares[c] = new ChannelShare(Channels[c].Name, total, kpi == 0.0 ? 0.0 : total / kpi);
        }
        return shares;
    }

    private void CheckRange(int fromPeriod, int toPeriodExclusive)
    {
        if (fromPeriod < 0 || toPeriodExclusive > PeriodCount || fromPeriod > toPeriodExclusive)
            throw new ArgumentOutOfRangeException(nameof(fromPeriod),
                $"Week range [{fromPeriod}, {toPeriodExclusive}) is not within [0, {PeriodCount}).");
    }
}
