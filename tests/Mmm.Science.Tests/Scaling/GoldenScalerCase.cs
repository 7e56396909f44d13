using Mmm.Science.Data;

namespace Mmm.Science.Tests.Scaling;

/// <summary>The golden `scaler` case: raw 2 regions x 12 weeks x 3 media x 2 controls, fitted on weeks 0..9.</summary>
internal static class GoldenScalerCase
{
    public const int Regions = 2, Weeks = 12, Channels = 3, Controls = 2, TrainWeeks = 10;

    public static float[] Media => GoldenFile.TensorF("scaler/inputs/media_raw");
    public static float[] ControlValues => GoldenFile.TensorF("scaler/inputs/controls_raw");
    public static float[] Kpi => GoldenFile.TensorF("scaler/inputs/y_raw");

    /// <summary>Weeks [first, first+count) of a [Regions, Weeks, features] array.</summary>
    public static T[] Slice<T>(T[] values, int features, int first, int count)
    {
        var slice = new T[Regions * count * features];
        for (int r = 0; r < Regions; r++)
            Array.Copy(values, (r * Weeks + first) * features, slice, r * count * features, count * features);
        return slice;
    }

    public static Panel AsPanel() => new()
    {
        Source = "reference-golden.json#scaler",
        Regions = ["r0", "r1"],
        Dates = Enumerable.Range(0, Weeks).Select(t => new DateOnly(2024, 1, 1).AddDays(7 * t)).ToArray(),
        StepDays = 7,
        KpiName = "y",
        Channels = ["m0", "m1", "m2"],
        Controls = ["c0", "c1"],
        Kpi = Kpi.Select(v => (double)v).ToArray(),
        Media = Media.Select(v => (double)v).ToArray(),
        ControlValues = ControlValues.Select(v => (double)v).ToArray(),
        Present = Enumerable.Repeat(true, Regions * Weeks).ToArray(),
    };

    /// <summary>The three golden transforms: name, first week, week count.</summary>
    public static TheoryData<string, int, int> Transforms => new()
    {
        { "transform_all_12_weeks", 0, 12 },
        { "transform_train_weeks_0_9", 0, 10 },
        { "transform_holdout_weeks_10_11", 10, 2 },
    };
}
