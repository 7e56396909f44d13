using Mmm.Science.Options;

namespace Mmm.Science.Data;

/// <summary>
/// A regions x periods panel on one shared, equally spaced calendar. Regions that start late or end
/// early are padded: their absent cells hold 0 and <see cref="Present"/> is false there, so every loss
/// and metric can mask them out. Arrays are flat, row-major: [region, period(, channel|control)].
/// </summary>
public sealed class Panel
{
    public required string Source { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    /// <summary>The shared calendar: the union of every region's dates, equally spaced by <see cref="StepDays"/>.</summary>
    public required IReadOnlyList<DateOnly> Dates { get; init; }
    public required int StepDays { get; init; }
    public required string KpiName { get; init; }
    public required IReadOnlyList<string> Channels { get; init; }
    public required IReadOnlyList<string> Controls { get; init; }
    /// <summary>[R*T] KPI in its own units; 0 where absent.</summary>
    public required double[] Kpi { get; init; }
    /// <summary>[R*T*C] raw media (spend, impressions, ...); 0 where absent.</summary>
    public required double[] Media { get; init; }
    /// <summary>[R*T*K] raw controls (booleans as 0/1); 0 where absent.</summary>
    public required double[] ControlValues { get; init; }
    /// <summary>[R*T] true where the input file has a row for (region, period).</summary>
    public required bool[] Present { get; init; }
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    /// <summary>Channel -> cost of one unit, for media columns that hold units (run config <c>costPerUnit</c>).</summary>
    public IReadOnlyDictionary<string, double> CostPerUnit { get; init; } = ChannelCosts.None;
    /// <summary>The run config's lift tests, resolved to this panel's cells; the fit is calibrated to them.</summary>
    public IReadOnlyList<PanelLiftTest> LiftTests { get; init; } = [];
    /// <summary>The run config's ROI priors, resolved to this panel's cells and denominators.</summary>
    public IReadOnlyList<PanelRoiPrior> RoiPriors { get; init; } = [];

    /// <summary>The same panel with <paramref name="tests"/> (checked against it by <see cref="Data.LiftTests.Resolve"/>) as its lift tests.</summary>
    public Panel WithLiftTests(IReadOnlyList<LiftTest> tests, string source) =>
        With(Data.LiftTests.Resolve(tests, this, source), RoiPriors);

    /// <summary>
    /// The same panel with <paramref name="priors"/> (checked against it by <see cref="Data.RoiPriors.Resolve"/>) as its ROI
    /// priors; <paramref name="options"/> give the training weeks, the window of a prior without dates.
    /// </summary>
    public Panel WithRoiPriors(IReadOnlyList<RoiPrior> priors, MmmOptions options, string source) =>
        With(LiftTests, Data.RoiPriors.Resolve(priors, this, options, source));

    /// <summary>A copy of every property but the outside information, which each With* keeps or replaces.</summary>
    private Panel With(IReadOnlyList<PanelLiftTest> liftTests, IReadOnlyList<PanelRoiPrior> roiPriors) => new()
    {
        Source = Source, Regions = Regions, Dates = Dates, StepDays = StepDays, KpiName = KpiName, Channels = Channels, Controls = Controls,
        Kpi = Kpi, Media = Media, ControlValues = ControlValues, Present = Present, IgnoredColumns = IgnoredColumns, CostPerUnit = CostPerUnit,
        LiftTests = liftTests, RoiPriors = roiPriors,
    };

    public int RegionCount => Regions.Count;
    public int PeriodCount => Dates.Count;
    public int ChannelCount => Channels.Count;
    public int ControlCount => Controls.Count;
    public int RowCount => Present.Count(p => p);
    public int AbsentCells => Present.Length - RowCount;

    public int Cell(int region, int period) => region * PeriodCount + period;
    public bool IsPresent(int region, int period) => Present[Cell(region, period)];
    public double KpiAt(int region, int period) => Kpi[Cell(region, period)];
    public double MediaAt(int region, int period, int channel) => Media[Cell(region, period) * ChannelCount + channel];
    public double ControlAt(int region, int period, int control) => ControlValues[Cell(region, period) * ControlCount + control];

    /// <summary>
    /// What one unit of a channel's column costs: its <see cref="CostPerUnit"/> when given; otherwise 1 (the
    /// column is spend: media_*, spend_* and any column named as media in the run config), except for
    /// impressions_* columns, whose spend is unknown (null) without a cost.
    /// </summary>
    public double? SpendPerUnit(int channel)
    {
        var name = Channels[channel];
        if (CostPerUnit.TryGetValue(name, out var cost)) return cost;
        return name.StartsWith(ColumnRoleResolver.ImpressionsPrefix, StringComparison.Ordinal) ? null : 1.0;
    }
}
