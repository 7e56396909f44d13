using System.Text.Json;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using static Mmm.Science.Tests.Scaling.GoldenScalerCase;

namespace Mmm.Science.Tests.Scaling;

/// <summary>The fixed behaviour of <see cref="PanelScaler"/>: masking, train-only fitting, inverses, persistence.</summary>
public class PanelScalerTests
{
    private static readonly MmmOptions Fixed = new();

    public static TheoryData<MediaScaling> MediaModes => [MediaScaling.PerChannelMean, MediaScaling.PerChannelRegionMean, MediaScaling.ShareOfVoice];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trips_through_json(bool reference)
    {
        var panel = AsPanel();
        var scaler = PanelScaler.Fit(panel, TrainWeeks, reference ? MmmOptions.Reference : Fixed);
        string json = JsonSerializer.Serialize(scaler);
        var restored = JsonSerializer.Deserialize<PanelScaler>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(restored));

        var a = scaler.Transform(panel);
        var b = restored.Transform(panel);
        Assert.Equal(a.Media, b.Media);
        Assert.Equal(a.Controls, b.Controls);
        Assert.Equal(a.Kpi, b.Kpi);
    }

    [Theory]
    [InlineData(MediaScaling.PerChannelMean)]
    [InlineData(MediaScaling.PerChannelRegionMean)]
    public void Per_channel_mean_scaling_is_invertible(MediaScaling mode)
    {
        var panel = AsPanel();
        var scaler = PanelScaler.Fit(panel, TrainWeeks, Fixed with { MediaScaling = mode });
        var scaled = scaler.Transform(panel);
        Close.All(panel.Media, scaler.InverseMedia(scaled.Media), 1e-9, 1e-7, "media");
        // Controls invert exactly inside the clip range; the clipped 200 outlier cannot come back.
        var inside = Enumerable.Range(0, scaled.Controls.Length).Where(i => Math.Abs(scaled.Controls[i]) < 5f).ToArray();
        Assert.Equal(scaled.Controls.Length - 1, inside.Length);
        var controls = scaler.InverseControls(scaled.Controls);
        Close.All(inside.Select(i => panel.ControlValues[i]).ToArray(), inside.Select(i => controls[i]).ToArray(), 1e-5, 1e-6, "controls");
        for (int r = 0; r < Regions; r++)
            for (int t = 0; t < Weeks; t++)
                Assert.Equal(panel.KpiAt(r, t), scaler.KpiToOriginal(r, scaled.Kpi[r * Weeks + t]), panel.KpiAt(r, t) * 1e-7);
    }

    [Fact]
    public void Per_channel_mean_divides_by_the_training_mean()
    {
        var panel = AsPanel();
        var global = PanelScaler.Fit(panel, TrainWeeks, Fixed with { MediaScaling = MediaScaling.PerChannelMean });
        var regional = PanelScaler.Fit(panel, TrainWeeks, Fixed with { MediaScaling = MediaScaling.PerChannelRegionMean });
        for (int c = 0; c < Channels; c++)
        {
            double sum0 = 0, sum1 = 0;
            for (int t = 0; t < TrainWeeks; t++) { sum0 += panel.MediaAt(0, t, c); sum1 += panel.MediaAt(1, t, c); }
            Assert.Equal((sum0 + sum1) / 20, global.MediaDivisor![c], 9);
            Assert.Equal((sum0 + sum1) / 20, global.MediaDivisor![Channels + c], 9);
            Assert.Equal(sum0 / 10, regional.MediaDivisor![c], 9);
            Assert.Equal(sum1 / 10, regional.MediaDivisor![Channels + c], 9);
        }
    }

    [Fact]
    public void Share_of_voice_is_not_invertible()
    {
        var scaler = PanelScaler.Fit(AsPanel(), TrainWeeks, MmmOptions.Reference);
        Assert.Null(scaler.MediaDivisor);
        Assert.Throws<NotSupportedException>(() => scaler.MediaToOriginal(0, 0, 0.5));
    }

    [Theory]
    [MemberData(nameof(MediaModes))]
    public void Holdout_values_do_not_change_the_fitted_constants(MediaScaling mediaMode)
    {
        var options = Fixed with { MediaScaling = mediaMode };
        var panel = AsPanel();
        var changed = WithCells(panel, (r, t) => t >= TrainWeeks, 1e7);
        Assert.Equal(Json(PanelScaler.Fit(panel, TrainWeeks, options)), Json(PanelScaler.Fit(changed, TrainWeeks, options)));
        var reference = MmmOptions.Reference with { MediaScaling = mediaMode };
        Assert.Equal(Json(PanelScaler.Fit(panel, TrainWeeks, reference)), Json(PanelScaler.Fit(changed, TrainWeeks, reference)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Absent_cells_are_excluded_from_every_statistic(bool reference)
    {
        var options = reference ? MmmOptions.Reference : Fixed;
        // Region 1 starts late: weeks 0..2 absent. Whatever those cells hold must not matter.
        var ragged = WithPresent(AsPanel(), (r, t) => !(r == 1 && t < 3));
        var garbage = WithCells(ragged, (r, t) => r == 1 && t < 3, 9e6);
        var a = PanelScaler.Fit(ragged, TrainWeeks, options);
        Assert.Equal(Json(a), Json(PanelScaler.Fit(garbage, TrainWeeks, options)));

        double expectedMean = Enumerable.Range(3, TrainWeeks - 3).Average(t => ragged.KpiAt(1, t));
        Assert.Equal(expectedMean, a.KpiMean[1], 9);

        var scaled = a.Transform(garbage);
        for (int t = 0; t < 3; t++)
        {
            int cell = Weeks + t;
            Assert.False(scaled.Present[cell]);
            Assert.Equal(0f, scaled.Kpi[cell]);
            Assert.All(scaled.Media.Skip(cell * Channels).Take(Channels), v => Assert.Equal(0f, v));
            Assert.All(scaled.Controls.Skip(cell * Controls).Take(Controls), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Reference_statistics_on_a_ragged_panel_equal_those_of_the_present_cells()
    {
        // Only region 0's training weeks are present: the fit must equal a fit on region 0 alone.
        var ragged = WithPresent(AsPanel(), (r, t) => r == 0);
        var fit = PanelScaler.Fit(ragged, TrainWeeks, MmmOptions.Reference).ReferenceControls!;
        var region0 = ControlValues.Take(TrainWeeks * Controls).ToArray();
        var direct = ReferenceControlScaling.Fit(region0, 1, TrainWeeks, Controls);
        Assert.Equal(direct.Median, fit.Median);
        Assert.Equal(direct.Q25, fit.Q25);
        Assert.Equal(direct.Q75, fit.Q75);
    }

    [Fact]
    public void Fixed_controls_are_robust_scaled_and_clipped_at_five()
    {
        var panel = AsPanel();
        var scaler = PanelScaler.Fit(panel, TrainWeeks, Fixed);
        Assert.NotNull(scaler.RobustControls);
        var scaled = scaler.Transform(panel);
        Assert.Equal(5f, scaled.ControlClip);
        Assert.Null(scaled.ControlStdRatio);
        // Control 0 holds a 200 outlier in holdout week 11 of region 0: clipped to +5.
        Assert.Equal(5f, scaled.Controls[(11) * Controls]);
        Assert.All(scaled.Controls, v => Assert.InRange(v, -5f, 5f));
    }

    [Fact]
    public void Rejects_a_panel_of_another_shape_and_unknown_modes()
    {
        var scaler = PanelScaler.Fit(AsPanel(), TrainWeeks, Fixed);
        var other = AsPanel();
        var narrower = new Panel
        {
            Source = other.Source, Regions = other.Regions, Dates = other.Dates, StepDays = 7, KpiName = "y",
            Channels = ["m0"], Controls = other.Controls, Kpi = other.Kpi,
            Media = new double[Regions * Weeks], ControlValues = other.ControlValues, Present = other.Present,
        };
        Assert.Throws<ArgumentException>(() => scaler.Transform(narrower));
        Assert.Throws<ArgumentException>(() => PanelScaler.Fit(other, TrainWeeks, Fixed with { MediaScaling = (MediaScaling)99 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PanelScaler.Fit(other, 0, Fixed));
    }

    private static string Json(PanelScaler scaler) => JsonSerializer.Serialize(scaler);

    private static Panel WithPresent(Panel p, Func<int, int, bool> present)
    {
        var mask = new bool[p.Present.Length];
        for (int r = 0; r < p.RegionCount; r++)
            for (int t = 0; t < p.PeriodCount; t++)
                mask[p.Cell(r, t)] = present(r, t);
        return Copy(p, (double[])p.Kpi.Clone(), (double[])p.Media.Clone(), (double[])p.ControlValues.Clone(), mask);
    }

    /// <summary>Every value (KPI, media, controls) of the selected cells set to <paramref name="value"/>.</summary>
    private static Panel WithCells(Panel p, Func<int, int, bool> select, double value)
    {
        var kpi = (double[])p.Kpi.Clone();
        var media = (double[])p.Media.Clone();
        var controls = (double[])p.ControlValues.Clone();
        for (int r = 0; r < p.RegionCount; r++)
            for (int t = 0; t < p.PeriodCount; t++)
            {
                if (!select(r, t)) continue;
                int cell = p.Cell(r, t);
                kpi[cell] = value;
                Array.Fill(media, value, cell * p.ChannelCount, p.ChannelCount);
                Array.Fill(controls, value, cell * p.ControlCount, p.ControlCount);
            }
        return Copy(p, kpi, media, controls, (bool[])p.Present.Clone());
    }

    private static Panel Copy(Panel p, double[] kpi, double[] media, double[] controls, bool[] present) => new()
    {
        Source = p.Source, Regions = p.Regions, Dates = p.Dates, StepDays = p.StepDays, KpiName = p.KpiName,
        Channels = p.Channels, Controls = p.Controls, Kpi = kpi, Media = media, ControlValues = controls, Present = present,
    };
}
