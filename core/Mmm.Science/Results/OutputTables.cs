using Mmm.Science.Decisions;

namespace Mmm.Science.Results;

/// <summary>The output files of docs/contract.md: their names, and the Parquet tables' column names and types.</summary>
public static class OutputTables
{
    public const string SummaryFile = "summary.json";
    public const string ErrorFile = "error.json";
    public const string SuccessFile = "_SUCCESS";

    public const string DecompositionFile = "decomposition.parquet";
    public const string FitFile = "fit.parquet";
    public const string AdjacencyFile = "adjacency.parquet";
    public const string HistoryFile = "training_history.parquet";
    public const string ChannelsFile = "channels.parquet";
    public const string ResponseCurvesFile = "response_curves.parquet";
    public const string CarryoverFile = "carryover.parquet";
    public const string BudgetFile = "budget.parquet";
    public const string BudgetWeeksFile = "budget_weeks.parquet";
    public const string PlanFile = "plan.json";

    public static readonly ParquetTable<DecompositionRow> Decomposition = new(
        (c, i) => new DecompositionRow(
            Get<string>(c, "region", i), Get<DateOnly>(c, "date", i), Get<string>(c, "component_type", i),
            Get<string>(c, "component", i), Get<double>(c, "contribution", i)),
        new StringColumn<DecompositionRow>("region", r => r.Region),
        new ValueColumn<DecompositionRow, DateOnly>("date", r => r.Date),
        new StringColumn<DecompositionRow>("component_type", r => r.ComponentType),
        new StringColumn<DecompositionRow>("component", r => r.Component),
        new ValueColumn<DecompositionRow, double>("contribution", r => r.Contribution));

    public static readonly ParquetTable<FitRow> Fit = new(
        (c, i) => new FitRow(
            Get<string>(c, "region", i), Get<DateOnly>(c, "date", i), Get<double>(c, "actual", i),
            Get<double>(c, "predicted", i), Get<string>(c, "split", i)),
        new StringColumn<FitRow>("region", r => r.Region),
        new ValueColumn<FitRow, DateOnly>("date", r => r.Date),
        new ValueColumn<FitRow, double>("actual", r => r.Actual),
        new ValueColumn<FitRow, double>("predicted", r => r.Predicted),
        new StringColumn<FitRow>("split", r => r.Split));

    public static readonly ParquetTable<AdjacencyRow> Adjacency = new(
        (c, i) => new AdjacencyRow(
            Get<string>(c, "source", i), Get<string>(c, "target", i), Get<double>(c, "weight", i), Get<bool>(c, "selected", i),
            Get<double?>(c, "probability", i)),
        new StringColumn<AdjacencyRow>("source", r => r.Source),
        new StringColumn<AdjacencyRow>("target", r => r.Target),
        new ValueColumn<AdjacencyRow, double>("weight", r => r.Weight),
        new ValueColumn<AdjacencyRow, bool>("selected", r => r.Selected),
        new NullableValueColumn<AdjacencyRow, double>("probability", r => r.Probability));

    public static readonly ParquetTable<HistoryRow> History = new(
        (c, i) => new HistoryRow(
            Get<int>(c, "outer_iteration", i), Get<int>(c, "epoch", i), Get<double>(c, "loss", i),
            Get<double>(c, "fit_loss", i), Get<double>(c, "dag_loss", i), Get<double>(c, "h", i),
            Get<double>(c, "rho", i), Get<double>(c, "alpha", i), Get<double>(c, "train_r2", i),
            Get<double?>(c, "holdout_r2", i), Get<long>(c, "elapsed_ms", i)),
        new ValueColumn<HistoryRow, int>("outer_iteration", r => r.OuterIteration),
        new ValueColumn<HistoryRow, int>("epoch", r => r.Epoch),
        new ValueColumn<HistoryRow, double>("loss", r => r.Loss),
        new ValueColumn<HistoryRow, double>("fit_loss", r => r.FitLoss),
        new ValueColumn<HistoryRow, double>("dag_loss", r => r.DagLoss),
        new ValueColumn<HistoryRow, double>("h", r => r.H),
        new ValueColumn<HistoryRow, double>("rho", r => r.Rho),
        new ValueColumn<HistoryRow, double>("alpha", r => r.Alpha),
        new ValueColumn<HistoryRow, double>("train_r2", r => r.TrainR2),
        new NullableValueColumn<HistoryRow, double>("holdout_r2", r => r.HoldoutR2),
        new ValueColumn<HistoryRow, long>("elapsed_ms", r => r.ElapsedMs));

    public static readonly ParquetTable<ChannelRow> Channels = new(
        (c, i) => new ChannelRow(Get<string>(c, "channel", i), Get<string>(c, "split", i), new ChannelSplitSummary(
            Get<double>(c, "contribution", i), Get<double?>(c, "share_of_actual", i), Get<double?>(c, "share_of_predicted", i),
            Get<double?>(c, "spend", i), Get<double?>(c, "roas", i), Get<double?>(c, "contribution_low", i), Get<double?>(c, "contribution_high", i),
            Get<double?>(c, "share_of_actual_low", i), Get<double?>(c, "share_of_actual_high", i), Get<double?>(c, "roas_low", i),
            Get<double?>(c, "roas_high", i))),
        new StringColumn<ChannelRow>("channel", r => r.Channel),
        new StringColumn<ChannelRow>("split", r => r.Split),
        new ValueColumn<ChannelRow, double>("contribution", r => r.Values.Contribution),
        new NullableValueColumn<ChannelRow, double>("share_of_actual", r => r.Values.ShareOfActual),
        new NullableValueColumn<ChannelRow, double>("share_of_predicted", r => r.Values.ShareOfPredicted),
        new NullableValueColumn<ChannelRow, double>("spend", r => r.Values.Spend),
        new NullableValueColumn<ChannelRow, double>("roas", r => r.Values.Roas),
        new NullableValueColumn<ChannelRow, double>("contribution_low", r => r.Values.ContributionLow),
        new NullableValueColumn<ChannelRow, double>("contribution_high", r => r.Values.ContributionHigh),
        new NullableValueColumn<ChannelRow, double>("share_of_actual_low", r => r.Values.ShareOfActualLow),
        new NullableValueColumn<ChannelRow, double>("share_of_actual_high", r => r.Values.ShareOfActualHigh),
        new NullableValueColumn<ChannelRow, double>("roas_low", r => r.Values.RoasLow),
        new NullableValueColumn<ChannelRow, double>("roas_high", r => r.Values.RoasHigh),
        new NullableValueColumn<ChannelRow, double>("total_contribution", r => r.Values.TotalContribution),
        new NullableValueColumn<ChannelRow, double>("total_contribution_low", r => r.Values.TotalContributionLow),
        new NullableValueColumn<ChannelRow, double>("total_contribution_high", r => r.Values.TotalContributionHigh),
        new NullableValueColumn<ChannelRow, double>("total_roas", r => r.Values.TotalRoas),
        new NullableValueColumn<ChannelRow, double>("total_roas_low", r => r.Values.TotalRoasLow),
        new NullableValueColumn<ChannelRow, double>("total_roas_high", r => r.Values.TotalRoasHigh));

    public static readonly ParquetTable<ResponseCurveRow> ResponseCurves = new(
        (c, i) => new ResponseCurveRow(Get<string>(c, "channel", i), Get<double>(c, "factor", i), Get<bool>(c, "is_current", i),
            Get<DateOnly>(c, "window_start", i), Get<DateOnly>(c, "window_end", i), Get<double?>(c, "spend", i),
            Get<double>(c, "incremental_kpi", i), Get<double?>(c, "incremental_kpi_low", i), Get<double?>(c, "incremental_kpi_high", i),
            Get<double?>(c, "roas", i), Get<double?>(c, "roas_low", i), Get<double?>(c, "roas_high", i),
            Get<double?>(c, "marginal_roas", i), Get<double?>(c, "marginal_roas_low", i), Get<double?>(c, "marginal_roas_high", i)),
        new StringColumn<ResponseCurveRow>("channel", r => r.Channel),
        new ValueColumn<ResponseCurveRow, double>("factor", r => r.Factor),
        new ValueColumn<ResponseCurveRow, bool>("is_current", r => r.IsCurrent),
        new ValueColumn<ResponseCurveRow, DateOnly>("window_start", r => r.WindowStart),
        new ValueColumn<ResponseCurveRow, DateOnly>("window_end", r => r.WindowEnd),
        new NullableValueColumn<ResponseCurveRow, double>("spend", r => r.Spend),
        new ValueColumn<ResponseCurveRow, double>("incremental_kpi", r => r.IncrementalKpi),
        new NullableValueColumn<ResponseCurveRow, double>("incremental_kpi_low", r => r.IncrementalKpiLow),
        new NullableValueColumn<ResponseCurveRow, double>("incremental_kpi_high", r => r.IncrementalKpiHigh),
        new NullableValueColumn<ResponseCurveRow, double>("roas", r => r.Roas),
        new NullableValueColumn<ResponseCurveRow, double>("roas_low", r => r.RoasLow),
        new NullableValueColumn<ResponseCurveRow, double>("roas_high", r => r.RoasHigh),
        new NullableValueColumn<ResponseCurveRow, double>("marginal_roas", r => r.MarginalRoas),
        new NullableValueColumn<ResponseCurveRow, double>("marginal_roas_low", r => r.MarginalRoasLow),
        new NullableValueColumn<ResponseCurveRow, double>("marginal_roas_high", r => r.MarginalRoasHigh));

    public static readonly ParquetTable<CarryoverRow> Carryover = new(
        (c, i) => new CarryoverRow(Get<string>(c, "channel", i), Get<int>(c, "week", i), Get<double>(c, "share", i),
            Get<double?>(c, "share_low", i), Get<double?>(c, "share_high", i), Get<double>(c, "cumulative_share", i)),
        new StringColumn<CarryoverRow>("channel", r => r.Channel),
        new ValueColumn<CarryoverRow, int>("week", r => r.Week),
        new ValueColumn<CarryoverRow, double>("share", r => r.Share),
        new NullableValueColumn<CarryoverRow, double>("share_low", r => r.ShareLow),
        new NullableValueColumn<CarryoverRow, double>("share_high", r => r.ShareHigh),
        new ValueColumn<CarryoverRow, double>("cumulative_share", r => r.CumulativeShare));

    public static readonly ParquetTable<BudgetRow> Budget = new(
        (c, i) => new BudgetRow(Get<string>(c, "channel", i), Get<double>(c, "current_spend", i), Get<double>(c, "recommended_spend", i),
            Get<double>(c, "change", i), Get<double>(c, "expected_incremental_kpi", i), Get<double?>(c, "expected_incremental_kpi_low", i),
            Get<double?>(c, "expected_incremental_kpi_high", i), Get<double>(c, "marginal_roas", i), Get<string?>(c, "bound", i)),
        new StringColumn<BudgetRow>("channel", r => r.Channel),
        new ValueColumn<BudgetRow, double>("current_spend", r => r.CurrentSpend),
        new ValueColumn<BudgetRow, double>("recommended_spend", r => r.RecommendedSpend),
        new ValueColumn<BudgetRow, double>("change", r => r.Change),
        new ValueColumn<BudgetRow, double>("expected_incremental_kpi", r => r.ExpectedIncrementalKpi),
        new NullableValueColumn<BudgetRow, double>("expected_incremental_kpi_low", r => r.ExpectedIncrementalKpiLow),
        new NullableValueColumn<BudgetRow, double>("expected_incremental_kpi_high", r => r.ExpectedIncrementalKpiHigh),
        new ValueColumn<BudgetRow, double>("marginal_roas", r => r.MarginalRoas),
        new NullableStringColumn<BudgetRow>("bound", r => r.Bound));

    public static readonly ParquetTable<BudgetWeekRow> BudgetWeeks = new(
        (c, i) => new BudgetWeekRow(Get<string>(c, "channel", i), Get<int>(c, "week", i), Get<DateOnly>(c, "date", i), Get<double>(c, "spend", i)),
        new StringColumn<BudgetWeekRow>("channel", r => r.Channel),
        new ValueColumn<BudgetWeekRow, int>("week", r => r.Week),
        new ValueColumn<BudgetWeekRow, DateOnly>("date", r => r.Date),
        new ValueColumn<BudgetWeekRow, double>("spend", r => r.Spend));

    private static T Get<T>(IReadOnlyDictionary<string, Array> columns, string name, int row) => ((T[])columns[name])[row];
}
