using Mmm.Science.Data;

namespace Mmm.Science.Scaling;

/// <summary>Periods [First, First+Count) of a panel as flat [R, Count(, F)] arrays plus the present mask.</summary>
internal sealed class PanelWindow
{
    public required int Regions { get; init; }
    public required int First { get; init; }
    public required int Count { get; init; }
    public required double[] Media { get; init; }
    public required double[] Controls { get; init; }
    public required double[] Kpi { get; init; }
    public required bool[] Present { get; init; }

    public static PanelWindow Of(Panel panel, int first, int count)
    {
        if (first < 0 || count < 0 || first + count > panel.PeriodCount)
            throw new ArgumentOutOfRangeException(nameof(count), $"Periods [{first}, {first + count}) are outside the panel's {panel.PeriodCount}.");
        int regions = panel.RegionCount, channels = panel.ChannelCount, controls = panel.ControlCount;
        var media = new double[regions * count * channels];
        var ctrl = new double[regions * count * controls];
        var kpi = new double[regions * count];
        var present = new bool[regions * count];
        for (int r = 0; r < regions; r++)
        {
            for (int t = 0; t < count; t++)
            {
                int source = panel.Cell(r, first + t), target = r * count + t;
                kpi[target] = panel.Kpi[source];
                present[target] = panel.Present[source];
                Array.Copy(panel.Media, source * channels, media, target * channels, channels);
                Array.Copy(panel.ControlValues, source * controls, ctrl, target * controls, controls);
            }
        }
        return new PanelWindow { Regions = regions, First = first, Count = count, Media = media, Controls = ctrl, Kpi = kpi, Present = present };
    }

    /// <summary>The reference casts raw arrays to float32 before scaling.</summary>
    public static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);
}
