using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

public class DecompositionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Components_sum_to_the_prediction_in_kpi_units(bool referenceCompat)
    {
        var synthetic = SmallPanels.Generate(raggedRegions: 1);
        var options = referenceCompat ? MmmOptions.Reference with { Hidden = 16, Epochs = 20, WarmStartEpochs = 2, NotearsWarmupEpochs = 10, NotearsDualUpdateEvery = 10, Device = "cpu" }
                                      : SmallPanels.Fast(20);
        var run = TrainingDriver.Run(synthetic.Panel, options);
        var result = run.Result;

        Assert.Equal(synthetic.Panel.RowCount, result.Fit.Count);
        var sums = result.Decomposition.GroupBy(d => (d.Region, d.Date)).ToDictionary(g => g.Key, g => g.Sum(d => d.Contribution));
        foreach (var row in result.Fit)
        {
            var sum = sums[(row.Region, row.Date)];
            Assert.True(Math.Abs(sum - row.Predicted) <= 1e-6 * Math.Max(1, Math.Abs(row.Predicted)), $"{row.Region} {row.Date}: {sum} vs {row.Predicted}");
        }
        int components = 3 + synthetic.Panel.ChannelCount + synthetic.Panel.ControlCount;
        Assert.Equal(result.Fit.Count * components, result.Decomposition.Count);
        // Every ordered channel pair once, and the selection is a DAG.
        Assert.Equal(synthetic.Panel.ChannelCount * (synthetic.Panel.ChannelCount - 1), result.Adjacency.Rows.Count);
        Assert.True(result.Adjacency.Acyclic);
        Assert.Contains(result.Fit, f => f.Split == SplitLabels.Holdout);
    }
}
