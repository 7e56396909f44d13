using Mmm.Lab.Recovery;

namespace Mmm.Lab.Tests.Recovery;

public class PymcExampleScenarioTests
{
    private static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The published truth: x1 29.05 % and x2 6.97 % of the total KPI (tests/data/README.md).</summary>
    [Fact]
    public async Task The_shipped_example_loads_with_its_published_true_shares()
    {
        var loaded = await PymcExampleScenario.LoadAsync(DataDirectory);
        Assert.Equal(["media_x1", "media_x2"], loaded.Truth.Channels);
        Assert.Equal(179, loaded.Truth.Contributions.Count);
        Assert.Empty(loaded.Truth.Edges);
        Assert.Empty(loaded.Truth.ZeroEffectChannels);
        double kpi = loaded.Panel.Kpi.Sum();
        double x1 = loaded.Truth.Contributions.Values.Sum(v => v[0]), x2 = loaded.Truth.Contributions.Values.Sum(v => v[1]);
        Assert.Equal(0.2905, x1 / kpi, 4);
        Assert.Equal(0.0697, x2 / kpi, 4);
        var key = new RowKey(loaded.Panel.Regions[0], loaded.Panel.Dates[10]);
        Assert.Equal(loaded.Panel.MediaAt(0, 10, 0), loaded.Truth.Spend[key][0]);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var ex = await Assert.ThrowsAnyAsync<IOException>(() => PymcExampleScenario.LoadAsync(Path.Combine(DataDirectory, "nope")));
        Assert.Contains(PymcExampleScenario.PanelFile, ex.Message);
    }
}
