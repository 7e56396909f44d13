using Mmm.Science.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The Laplace approximation of a posterior: a normal centred at the fitted parameters whose precision is the
/// Hessian of the negative log posterior there. Written here because TorchSharp has no functional Hessian; it is
/// autograd's gradient with <c>create_graph</c>, differentiated once more per column (Hessian-vector products).
/// </summary>
public static class LaplacePosterior
{
    /// <summary>[n,n] float64 Hessian of <paramref name="negLogPosterior"/> in the flattened <paramref name="parameters"/> (in their order).</summary>
    /// <param name="regionParameters">
    /// Indices into <paramref name="parameters"/> of per-region tensors: first dimension the region, and no term of the
    /// objective joins two regions' entries. Their Hessian blocks are then found R columns at a time (one backward pass
    /// gives a slot's column in every region at once), so a 190-region panel costs about as many passes as one region
    /// (graph colouring). The other parameters' columns are found one by one and give the per-region rows of the
    /// cross terms by symmetry.
    /// </param>
    public static Tensor Hessian(Func<Tensor> negLogPosterior, IReadOnlyList<Parameter> parameters, IReadOnlySet<int>? regionParameters = null)
    {
        var held = parameters.Select(p => p.requires_grad).ToArray();
        foreach (var p in parameters) p.requires_grad = true;
        try
        {
            var sizes = parameters.Select(p => p.numel()).ToArray();
            var offsets = new long[sizes.Length];
            for (int i = 1; i < sizes.Length; i++) offsets[i] = offsets[i - 1] + sizes[i - 1];
            long n = sizes.Sum();
            var regional = regionParameters ?? new HashSet<int>();
            long regions = regional.Count == 0 ? 1 : parameters[regional.First()].shape[0];
            // Filled column block by column block, in place: at reference size (5,005 parameters) one n x n matrix is 200 MB.
            var hessian = zeros(n, n, dtype: ScalarType.Float64);

            using var scope = NewDisposeScope();
            var loss = negLogPosterior();
            var gradient = Flatten(autograd.grad([loss], [.. parameters], retain_graph: true, create_graph: true, allow_unused: true), parameters);
            if (!gradient.requires_grad) return hessian; // linear or constant: no curvature

            for (int i = 0; i < parameters.Count; i++)
            {
                if (regional.Contains(i)) continue;
                for (long j = offsets[i]; j < offsets[i] + sizes[i]; j++)
                {
                    using var column = Product(gradient, parameters, OneHot(n, [j]));
                    hessian[TensorIndex.Colon, j] = column;
                    hessian[j] = column;
                }
            }
            foreach (int i in regional)
            {
                long width = sizes[i] / regions;
                for (long slot = 0; slot < width; slot++)
                {
                    using var slotScope = NewDisposeScope();
                    var column = Product(gradient, parameters, OneHot(n, Enumerable.Range(0, (int)regions).Select(r => offsets[i] + r * width + slot)));
                    // Region r's rows of this column belong to region r's copy of the slot.
                    var rows = new List<long>();
                    var cols = new List<long>();
                    foreach (int q in regional)
                    {
                        long widthQ = sizes[q] / regions;
                        for (long r = 0; r < regions; r++)
                            for (long k = 0; k < widthQ; k++)
                            {
                                rows.Add(offsets[q] + r * widthQ + k);
                                cols.Add(offsets[i] + r * width + slot);
                            }
                    }
                    var rowIndex = tensor(rows.ToArray());
                    hessian.index_put_(column.index_select(0, rowIndex), rowIndex, tensor(cols.ToArray()));
                }
            }
            return hessian; // created outside this method's dispose scope: the caller's
        }
        finally
        {
            for (int i = 0; i < parameters.Count; i++) parameters[i].requires_grad = held[i];
        }
    }

    /// <summary>
    /// Adds the Gauss-Newton curvature of <c>½ Σ_e r_e²</c> to <paramref name="hessian"/> in place: Σ_e ∇r_e ∇r_eᵀ, one
    /// backward pass per residual (the r_e ∇²r_e part is left out, as Gauss-Newton does). For terms that join regions,
    /// which <see cref="Hessian"/>'s per-region colouring cannot take.
    /// </summary>
    public static void AddGaussNewton(Tensor hessian, Func<Tensor> residuals, IReadOnlyList<Parameter> parameters)
    {
        var held = parameters.Select(p => p.requires_grad).ToArray();
        foreach (var p in parameters) p.requires_grad = true;
        try
        {
            using var scope = NewDisposeScope();
            var r = residuals();
            for (long e = 0; e < r.shape[0]; e++)
            {
                using var row = NewDisposeScope();
                var g = Flatten(autograd.grad([r[e]], [.. parameters], retain_graph: true, allow_unused: true), parameters)
                    .detach().to(ScalarType.Float64).cpu();
                hessian.add_(outer(g, g));
            }
        }
        finally
        {
            for (int i = 0; i < parameters.Count; i++) parameters[i].requires_grad = held[i];
        }
    }

    /// <summary>Largest n for which <see cref="Draws"/> always factors H by its eigenvalues (0.3 s at 1,000, about a minute at 5,000 on one core).</summary>
    public const int EigenLimit = 2_500;

    /// <summary>
    /// [draws,n] float64 deviations from the posterior mode, drawn from N(0, H⁻¹) with a seeded generator. H is factored
    /// by its eigenvalues, each replaced by its absolute value and floored at 1e-8 x the largest: a direction of negative
    /// curvature (a saddle of a non-convex prior, a mode not quite reached) spreads as far as its curvature says, and a
    /// flat one (a parameter no cell sees) widely but finitely, never as a NaN. Above <see cref="EigenLimit"/> parameters
    /// a Cholesky factor with that floor as a ridge is tried first (seconds instead of a minute); the eigenvalues are
    /// used only when H is not positive definite.
    /// </summary>
    public static Tensor Draws(Tensor hessian, int draws, long seed)
    {
        using var k = new KeptScalars();
        using var scope = NewDisposeScope();
        long n = hessian.shape[0];
        using var generator = new Generator((ulong)seed);
        var z = randn(new long[] { draws, n }, dtype: ScalarType.Float64, generator: generator);
        if (n > EigenLimit)
        {
            double largest = Math.Max(hessian.diagonal().abs().max().item<double>(), 1e-12);
            var ridged = hessian.clone();
            ridged.diagonal().add_(k[Floor * largest]);
            var (factor, info) = linalg.cholesky_ex(ridged);
            ridged.Dispose();
            if (info.item<int>() == 0)
                return linalg.solve_triangular(factor.t(), z.t(), upper: true).t().contiguous().MoveToOuterDisposeScope();
            factor.Dispose();
        }
        var (eigenvalues, eigenvectors) = linalg.eigh(hessian);
        var magnitude = eigenvalues.abs();
        var scale = magnitude.clamp_min(k[Math.Max(magnitude.max().item<double>() * Floor, 1e-12)]).rsqrt();
        return matmul(z * scale.view(1, -1), eigenvectors.t()).MoveToOuterDisposeScope();
    }

    private const double Floor = 1e-8;

    /// <summary>H v through one backward pass of the gradient (the Hessian-vector product), float64 on the host.</summary>
    private static Tensor Product(Tensor gradient, IReadOnlyList<Parameter> parameters, Tensor vector)
    {
        using var scope = NewDisposeScope();
        var product = Flatten(autograd.grad([gradient], [.. parameters], [vector.to(gradient.dtype).to(gradient.device)], retain_graph: true, allow_unused: true), parameters);
        return product.detach().to(ScalarType.Float64).cpu().MoveToOuterDisposeScope();
    }

    private static Tensor OneHot(long n, IEnumerable<long> indices)
    {
        var v = new double[n];
        foreach (long i in indices) v[i] = 1;
        return tensor(v);
    }

    private static Tensor Flatten(IList<Tensor> gradients, IReadOnlyList<Parameter> parameters) =>
        cat(gradients.Select((g, i) => (g is null || g.IsInvalid ? zeros_like(parameters[i]) : g).reshape(-1)).ToList());
}
