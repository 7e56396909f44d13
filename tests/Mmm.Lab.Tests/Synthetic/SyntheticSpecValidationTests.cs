using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Synthetic;

public class SyntheticSpecValidationTests
{
    [Fact]
    public void Parent_must_come_before_its_child()
    {
        var channels = SyntheticPanelSpec.DefaultChannels.Reverse().ToArray();
        var ex = Assert.Throws<ArgumentException>(() => SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Channels = channels }));
        Assert.Contains("media_tv", ex.Message);
    }

    [Fact]
    public void Channel_names_must_be_media_columns()
    {
        var channels = new[] { SyntheticPanelSpec.DefaultChannels[0] with { Name = "tv" } };
        Assert.Throws<ArgumentException>(() => SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Channels = channels }));
    }

    [Fact]
    public void A_non_positive_kpi_is_reported_not_clipped()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { NoiseSdFraction = 1.0 }));
        Assert.Contains("NoiseSdFraction", ex.Message);
    }
}
