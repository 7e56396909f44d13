using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// One model family (docs/model.md): the reference network (<see cref="ReferenceFamily"/>) or the modulated and structural
/// architectures (<see cref="ModulatedFamily"/>). Stateless: what the family adds to the panel's tensors
/// (<see cref="TrainingTensors"/>) and how it builds its model for a training session (<see cref="IFamilyModel"/>).
/// </summary>
internal interface IModelFamily
{
    /// <summary>[Tm, K] the time-varying baseline's knot weights over the fitted weeks (<see cref="BaselineDrift"/>), or null without one.</summary>
    Tensor? DriftBasis(PanelSplit split);

    /// <summary>[C] 1 for every channel a lift test measured, or null without tests (or a confounding term).</summary>
    Tensor? ExperimentedChannels(Panel panel);

    /// <summary>The objective's panel-level tensors beyond the fit (confounder basis, lift tests, ROI priors); all null where the family has none.</summary>
    ObjectiveTensors ObjectiveTensors(Panel panel, PanelScaler scaler, PanelSplit split, Tensor fitMask, ModelInputs inputs, Device device);

    /// <summary>The family's model for one session: builds its network (seeded by the caller) and nothing else.</summary>
    IFamilyModel CreateModel(FamilyContext context);
}

/// <param name="Confounders">[R,Tm,P] the orthonormal basis of level, trend, seasonality and controls (<see cref="ConfounderBasis"/>), on the device.</param>
/// <param name="Lift">The panel's lift tests as a term of the objective; null when it has none.</param>
/// <param name="Roi">The panel's ROI priors as a term of the objective; null when it has none.</param>
internal sealed record ObjectiveTensors(Tensor? Confounders, Calibration? Lift, Calibration? Roi)
{
    public static ObjectiveTensors None { get; } = new(null, null, null);
}

/// <summary>The family of <see cref="MmmOptions.Architecture"/>: the one place that chooses by architecture.</summary>
internal static class ModelFamilies
{
    public static IModelFamily For(MmmOptions options) => options.Architecture switch
    {
        Architecture.Reference => new ReferenceFamily(options),
        Architecture.Modulated or Architecture.Structural => new ModulatedFamily(options),
        _ => throw new ArgumentException($"unknown architecture '{options.Architecture}'", nameof(options)),
    };
}
