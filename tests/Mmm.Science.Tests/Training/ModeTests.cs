using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

public class ModeTests
{
    [Fact]
    public void Triangular_mode_only_learns_edges_forward_in_channel_order()
    {
        var panel = SmallPanels.Generate().Panel;
        var run = TrainingDriver.Run(panel, SmallPanels.Fast(20) with { DagMode = DagMode.Triangular });
        var index = panel.Channels.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        Assert.All(run.Result.Adjacency.Rows.Where(r => index[r.Source] > index[r.Target]), r => Assert.Equal(0.0, r.Weight));
        Assert.Equal(0.0, run.Result.FinalH);
    }

    [Fact]
    public void Reference_mode_pads_burn_in_with_zero_weeks_and_reports_only_input_rows()
    {
        var panel = SmallPanels.Generate(raggedRegions: 1).Panel;
        var options = MmmOptions.Reference with { Hidden = 16, Epochs = 10, WarmStartEpochs = 2, NotearsWarmupEpochs = 5, NotearsDualUpdateEvery = 5, Device = "cpu" };
        var split = PanelSplit.For(panel.PeriodCount, options);
        Assert.Equal(panel.PeriodCount + options.BurnInWeeks, split.ModelPeriods);
        var run = TrainingDriver.Run(panel, options);
        Assert.Equal(panel.RowCount, run.Result.Fit.Count);
        Assert.DoesNotContain(run.Result.Fit, f => f.Split == SplitLabels.BurnIn);
    }

    [Fact]
    public void Fixed_mode_masks_burn_in_weeks_out_of_the_fit()
    {
        var panel = SmallPanels.Generate().Panel;
        var options = SmallPanels.Fast(10);
        var run = TrainingDriver.Run(panel, options);
        var burnIn = run.Result.Fit.Where(f => f.Split == SplitLabels.BurnIn).Select(f => f.Date).Distinct().Count();
        Assert.Equal(options.BurnInWeeks, burnIn);
        Assert.Equal(panel.RowCount, run.Result.Fit.Count);
        // Metrics never score burn-in or absent cells: train cells = present cells in train periods.
        var trainCells = run.Result.Fit.Count(f => f.Split == SplitLabels.Train);
        Assert.Equal(trainCells, run.Result.Metrics.Train!.Cells);
    }

    [Theory]
    [InlineData(Architecture.Modulated)]
    [InlineData(Architecture.Structural)]
    public void Trend_none_leaves_no_trend_in_the_decomposition(Architecture architecture)
    {
        var panel = SmallPanels.Generate().Panel;
        var run = TrainingDriver.Run(panel, SmallPanels.Fast(10) with { Architecture = architecture, Trend = TrendMode.None });
        var trend = run.Result.Decomposition.Where(d => d.ComponentType == ComponentTypes.Trend).ToList();
        Assert.NotEmpty(trend);
        Assert.All(trend, d => Assert.Equal(0.0, d.Contribution));
    }

    [Fact]
    public void Same_seed_gives_the_same_fit()
    {
        var panel = SmallPanels.Generate().Panel;
        var a = TrainingDriver.Run(panel, SmallPanels.Fast(10)).Result.Fit.Select(f => f.Predicted).ToArray();
        var b = TrainingDriver.Run(panel, SmallPanels.Fast(10)).Result.Fit.Select(f => f.Predicted).ToArray();
        Assert.Equal(a, b);
    }
}
