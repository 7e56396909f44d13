using Mmm.Science.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// Gradient-norm clipping as torch.nn.utils.clip_grad_norm_, in the reference's two groups: parameters
/// whose name contains "coeff" or "range_raw" (max norm coeffGradClip), all others (gradientClipNorm).
/// </summary>
public static class GradientClipping
{
    public static bool IsCoefficientParameter(string name) =>
        name.Contains("coeff", StringComparison.OrdinalIgnoreCase) || name.Contains("range_raw");

    public static (List<Parameter> Coefficients, List<Parameter> Others) Groups(MmmNetwork net)
    {
        var coefficients = new List<Parameter>();
        var others = new List<Parameter>();
        foreach (var (name, p) in net.named_parameters())
            (IsCoefficientParameter(name) ? coefficients : others).Add(p);
        return (coefficients, others);
    }

    /// <summary>Scales the group's gradients so their joint L2 norm is at most maxNorm; returns the norm before.</summary>
    public static double ClipGroup(IReadOnlyList<Parameter> group, double maxNorm)
    {
        using var k = new KeptScalars();
        var grads = group.Select(p => p.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        using var scope = NewDisposeScope();
        var total = stack(grads.Select(g => g.norm()).ToArray()).norm();
        var coefficient = (k[maxNorm] / (total + k[1e-6])).clamp_max(k[1.0]);
        using (no_grad())
            foreach (var g in grads) g.mul_(coefficient);
        return total.item<float>();
    }
}
