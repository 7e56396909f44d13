using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Data;

/// <summary>Validation checks controls over the weeks training fits: the same window as the training split.</summary>
public class TrainingWeeksTests
{
    [Theory]
    [InlineData(20, 0.12, 40, 6, BurnInMode.Warm)]
    [InlineData(20, 0.12, 10, 6, BurnInMode.Warm)]
    [InlineData(109, 0.12, 40, 6, BurnInMode.Warm)]
    [InlineData(179, 0.2, 40, 4, BurnInMode.Pad)]
    [InlineData(60, 0, 40, 0, BurnInMode.Warm)]
    public void The_window_is_the_training_splits_fitted_weeks(int periods, double holdoutRatio, int minTrainWeeks, int burnIn, BurnInMode mode)
    {
        var options = new MmmOptions { HoldoutRatio = holdoutRatio, MinTrainWeeks = minTrainWeeks, BurnInWeeks = burnIn, BurnIn = mode };
        var split = PanelSplit.For(periods, options);

        Assert.Equal((split.FirstFitted, split.TrainEnd), TrainingWeeks.Of(periods, options));
    }
}
