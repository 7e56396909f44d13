using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The Hessian of a scalar function of some parameters, for the curvature health check (<see cref="CurvatureCheck"/>).
/// Written here because TorchSharp has no functional Hessian: autograd's gradient with <c>create_graph</c>, differentiated
/// once more per column (one Hessian-vector product per parameter).
/// </summary>
public static class Hessian
{
    /// <summary>[n,n] float64 Hessian of <paramref name="function"/> in the flattened <paramref name="parameters"/> (in their order).</summary>
    public static Tensor Of(Func<Tensor> function, IReadOnlyList<Parameter> parameters)
    {
        var held = parameters.Select(p => p.requires_grad).ToArray();
        foreach (var p in parameters) p.requires_grad = true;
        try
        {
            long n = parameters.Sum(p => p.numel());
            var hessian = zeros(n, n, dtype: ScalarType.Float64);
            using var scope = NewDisposeScope();
            var value = function();
            var gradient = Flatten(autograd.grad([value], [.. parameters], retain_graph: true, create_graph: true, allow_unused: true), parameters);
            if (!gradient.requires_grad) return hessian; // linear or constant: no curvature
            for (long j = 0; j < n; j++)
            {
                using var column = NewDisposeScope();
                var oneHot = new float[n];
                oneHot[j] = 1;
                var unit = tensor(oneHot).to(gradient.dtype).to(gradient.device);
                var product = Flatten(autograd.grad([gradient], [.. parameters], [unit], retain_graph: true, allow_unused: true), parameters);
                hessian[TensorIndex.Colon, j] = product.detach().to(ScalarType.Float64).cpu();
            }
            return hessian; // created outside this method's dispose scope: the caller's
        }
        finally
        {
            for (int i = 0; i < parameters.Count; i++) parameters[i].requires_grad = held[i];
        }
    }

    private static Tensor Flatten(IList<Tensor> gradients, IReadOnlyList<Parameter> parameters) =>
        cat(gradients.Select((g, i) => (g is null || g.IsInvalid ? zeros_like(parameters[i]) : g).reshape(-1)).ToList());
}
