using Mmm.Science.Options;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// What training needs from a network, whatever its architecture: one forward pass over the whole panel
/// and the learned channel graph (<c>adj_logits</c>, masked by mode). Subclasses register every
/// parameter themselves, so each keeps its own state_dict order (the reference's must match PyTorch's).
/// </summary>
public abstract class MmmNetwork(string name, MmmOptions options, int channels, int controls, int regions) : nn.Module(name)
{
    public MmmOptions Options { get; } = options;
    public int Channels { get; } = channels;
    public int ControlCount { get; } = controls;
    public int RegionCount { get; } = regions;

    // Looked up by name on every use: Module.to(device) replaces the registered tensors.
    public Parameter AdjLogits => P("adj_logits");
    public Tensor DagMask => get_buffer("dag_mask")!;

    protected Parameter P(string parameterName) =>
        get_parameter(parameterName) ?? throw new InvalidOperationException($"no parameter {parameterName}");

    protected void Param(string parameterName, Tensor value) =>
        register_parameter(parameterName, new Parameter(value.detach().contiguous()));

    public Tensor Adjacency() => ChannelDag.Adjacency(AdjLogits, DagMask, Options.DagTemperature);

    /// <summary>[C] each channel's adstock decay, Hill slope and Hill half-saturation point, as the forward pass uses them.</summary>
    public abstract (Tensor Decay, Tensor Slope, Tensor Half) ResponseShapes();

    /// <param name="dropoutMask">Scaled keep-mask for the control features in training, or null (architectures without dropout ignore it).</param>
    public abstract ModelOutputs Forward(ModelInputs inputs, Tensor? dropoutMask);
}
