using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The reference family, DeepCausalMMM's network (<see cref="CausalMmmNetwork"/>, docs/model.md §3-6): no time-varying
/// baseline, confounder basis or calibration terms; its model is <see cref="ReferenceModel"/>.
/// </summary>
internal sealed class ReferenceFamily(MmmOptions options) : IModelFamily
{
    public Tensor? DriftBasis(PanelSplit split) => null;
    public Tensor? ExperimentedChannels(Panel panel) => null;

    public ObjectiveTensors ObjectiveTensors(Panel panel, PanelScaler scaler, PanelSplit split, Tensor fitMask, ModelInputs inputs, Device device) =>
        Training.ObjectiveTensors.None;

    public IFamilyModel CreateModel(FamilyContext context) => new ReferenceModel(context, new CausalMmmNetwork(options,
        context.Panel.ChannelCount, context.Panel.ControlCount, context.Panel.RegionCount, TrainingTensors.SeasonalFeatureCount));
}
