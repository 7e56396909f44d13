using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The modulated and structural family (<see cref="ModulatedMmmNetwork"/>, docs/model.md): a time-varying baseline on knots,
/// a confounding term per lift-tested channel, the confounder basis of the structure score and the calibration terms of the
/// lift tests and ROI priors; its model is <see cref="ModulatedModel"/>.
/// </summary>
internal sealed class ModulatedFamily(MmmOptions options) : IModelFamily
{
    /// <summary>How many knots the time-varying baseline has on this split (0 without one).</summary>
    public int DriftKnots(PanelSplit split) => options.BaselineDriftSd <= 0 ? 0
        : BaselineDrift.KnotCount(split.Padding + split.FirstFitted, split.Padding + split.TrainEnd - 1, options.BaselineKnotWeeks);

    public Tensor? DriftBasis(PanelSplit split)
    {
        if (options.BaselineDriftSd <= 0) return null;
        int first = split.Padding + split.FirstFitted, last = split.Padding + split.TrainEnd - 1;
        int knots = DriftKnots(split);
        return tensor(BaselineDrift.Basis(split.ModelPeriods, first, last, knots), [split.ModelPeriods, knots]);
    }

    public Tensor? ExperimentedChannels(Panel panel)
    {
        if (options.LiftConfoundingSd <= 0 || panel.LiftTests.Count == 0) return null;
        var mask = new float[panel.ChannelCount];
        foreach (var t in panel.LiftTests) mask[t.Channel] = 1;
        return tensor(mask);
    }

    public ObjectiveTensors ObjectiveTensors(Panel panel, PanelScaler scaler, PanelSplit split, Tensor fitMask, ModelInputs inputs, Device device) => new(
        ConfounderBasis.Build(fitMask, inputs.TrendTime, inputs.Seasonal, inputs.Controls).to(device),
        Calibration.ForLiftTests(panel, scaler, split, device),
        Calibration.ForRoiPriors(panel, scaler, split, device));

    public IFamilyModel CreateModel(FamilyContext context)
    {
        var panel = context.Panel;
        return new ModulatedModel(context, new ModulatedMmmNetwork(options, panel.ChannelCount, panel.ControlCount, panel.RegionCount,
            TrainingTensors.SeasonalFeatureCount, DriftKnots(context.Split), panel.LiftTests.Count > 0));
    }
}
