using Mmm.Science.Results;

namespace Mmm.Science.Tests.Results;

public class ChannelTotalsTests
{
    [Fact]
    public void Totals_and_shares_over_train_rows_and_all_rows()
    {
        var outputs = SampleOutputs.Create();
        var channels = ChannelTotals.Compute(["radio", "tv"], outputs.Decomposition, outputs.Fit);

        // Train rows: predicted 11 + 11.5 + 4.25 + 4.5 = 31.25; all 8 rows: 59.25. tv adds 1 per row, radio 0.5.
        var tv = channels.Single(c => c.Channel == "tv");
        Assert.Equal(4, tv.TrainContribution, 12);
        Assert.Equal(4 / 31.25, tv.TrainShare, 12);
        Assert.Equal(8, tv.TotalContribution, 12);
        Assert.Equal(8 / 59.25, tv.TotalShare, 12);
        var radio = channels.Single(c => c.Channel == "radio");
        Assert.Equal(2, radio.TrainContribution, 12);
        Assert.Equal(4 / 59.25, radio.TotalShare, 12);
        Assert.Equal(["radio", "tv"], channels.Select(c => c.Channel));
    }

    [Fact]
    public void Decomposition_row_without_fit_row_is_an_error()
    {
        var outputs = SampleOutputs.Create();
        var stray = new DecompositionRow("west", new DateOnly(2020, 1, 6), ComponentTypes.Media, "tv", 1);
        Assert.Throws<ArgumentException>(() => ChannelTotals.Compute(["tv"], [.. outputs.Decomposition, stray], outputs.Fit));
    }
}
