using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Model;

/// <summary>
/// The learned channel graph: <c>W = sigmoid(adjLogits / temperature) * mask</c>, W[i,j] the edge i -> j.
/// Triangular mode masks to the strict upper triangle (acyclic by construction); NOTEARS mode only
/// removes the diagonal and relies on the acyclicity penalty h(W).
/// </summary>
public static class ChannelDag
{
    public static Tensor Mask(int channels, DagMode dagMode) => dagMode == DagMode.Triangular
        ? triu(ones(channels, channels), 1)
        : ones(channels, channels) - eye(channels);

    public static Tensor Probabilities(Tensor adjLogits, double temperature)
    {
        using var k = new KeptScalars();
        return sigmoid(adjLogits / k[Math.Max(temperature, 1e-3)]);
    }

    public static Tensor Adjacency(Tensor adjLogits, Tensor mask, double temperature) =>
        Probabilities(adjLogits, temperature) * mask;

    /// <summary>NOTEARS acyclicity <c>h(W) = tr(exp(W∘W)) - C</c>; zero iff W is a DAG.</summary>
    public static Tensor Acyclicity(Tensor w)
    {
        using var k = new KeptScalars();
        return linalg.matrix_exp(w * w).trace() - k[(double)w.shape[0]];
    }

    /// <summary>Mixes each channel with its parents: <c>(1 - mix) * Hx + mix * (Hx @ W)</c>.</summary>
    public static Tensor Interact(Tensor saturated, Tensor adjacency, Tensor interactionWeight)
    {
        using var k = new KeptScalars();
        var mix = sigmoid(interactionWeight).view(1, 1, -1);
        var parents = matmul(saturated, adjacency);
        return (k[1] - mix) * saturated + mix * parents;
    }
}
