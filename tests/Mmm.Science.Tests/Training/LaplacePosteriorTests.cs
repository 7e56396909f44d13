using Mmm.Science.Model;
using Mmm.Science.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

/// <summary>The Laplace approximation against functions whose Hessian and posterior covariance are known in closed form.</summary>
public class LaplacePosteriorTests
{
    // A symmetric positive definite precision, spread over two parameter tensors (a vector and a 1x2 matrix).
    private static readonly double[,] A = { { 4, 1, 0.5 }, { 1, 3, -0.2 }, { 0.5, -0.2, 2 } };

    [Fact]
    public void Hessian_of_a_quadratic_is_its_matrix_in_the_parameters_order()
    {
        using var first = new Parameter(tensor(new[] { 0.3f }));
        using var second = new Parameter(tensor(new[,] { { -0.5f, 1.2f } }));
        var hessian = LaplacePosterior.Hessian(() => Quadratic(first, second), [first, second]);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(A[i, j], hessian[i, j].item<double>(), 4);
    }

    [Fact]
    public void Hessian_of_a_nonlinear_function_is_exact_at_the_point_and_leaves_requires_grad_as_it_was()
    {
        // f(x, y) = exp(x) y^2: f_xx = exp(x) y^2, f_xy = 2 exp(x) y, f_yy = 2 exp(x).
        using var p = new Parameter(tensor(new[] { 0.5f, -1.5f }), requires_grad: false);
        var hessian = LaplacePosterior.Hessian(() => exp(p[0]) * p[1].square(), [p]);
        double e = Math.Exp(0.5), y = -1.5;
        Assert.Equal(e * y * y, hessian[0, 0].item<double>(), 4);
        Assert.Equal(2 * e * y, hessian[0, 1].item<double>(), 4);
        Assert.Equal(2 * e * y, hessian[1, 0].item<double>(), 4);
        Assert.Equal(2 * e, hessian[1, 1].item<double>(), 4);
        Assert.False(p.requires_grad);
    }

    [Fact]
    public void Gauss_Newton_adds_the_outer_products_of_the_residuals_gradients()
    {
        // r = J θ - b for J = [[1, 2, 0], [0, -1, 3]]: the curvature of ½|r|² is JᵀJ, added to what is there.
        using var first = new Parameter(tensor(new[] { 0.3f }));
        using var second = new Parameter(tensor(new[,] { { -0.5f, 1.2f } }));
        double[,] j = { { 1, 2, 0 }, { 0, -1, 3 } };
        using var k = new KeptScalars();
        var hessian = eye(3, dtype: ScalarType.Float64);
        LaplacePosterior.AddGaussNewton(hessian, () => stack(new[]
        {
            first[0] + k[2] * second[0, 0] - k[1],
            -second[0, 0] + k[3] * second[0, 1] + k[2],
        }), [first, second]);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.Equal((a == b ? 1 : 0) + j[0, a] * j[0, b] + j[1, a] * j[1, b], hessian[a, b].item<double>(), 5);
    }

    [Fact]
    public void Draws_have_the_inverse_hessian_as_covariance_and_repeat_with_the_seed()
    {
        using var k = new KeptScalars();
        var precision = tensor(A.Cast<double>().ToArray(), [3, 3]);
        var draws = LaplacePosterior.Draws(precision, 40_000, seed: 7);
        var covariance = matmul(draws.t(), draws) / k[draws.shape[0]];
        var expected = linalg.inv(precision);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.True(Math.Abs(expected[i, j].item<double>() - covariance[i, j].item<double>()) < 0.01,
                    $"cov[{i},{j}] {covariance[i, j].item<double>():F4}, expected {expected[i, j].item<double>():F4}");
        Assert.True(draws.mean([0]).abs().max().item<double>() < 0.015); // about 4 standard errors at sd 0.7
        Assert.Equal(0.0, (LaplacePosterior.Draws(precision, 40_000, seed: 7) - draws).abs().max().item<double>());
        Assert.True((LaplacePosterior.Draws(precision, 40_000, seed: 8) - draws).abs().max().item<double>() > 0.1);
    }

    [Fact]
    public void A_direction_without_curvature_gets_a_wide_finite_spread_instead_of_a_nan()
    {
        // The second parameter does not enter: zero curvature, as for a parameter the data cannot see.
        var precision = tensor(new double[] { 2, 0, 0, 0 }, [2, 2]);
        var draws = LaplacePosterior.Draws(precision, 2_000, seed: 1);
        Assert.True(isfinite(draws).all().item<bool>());
        double sdSeen = draws[TensorIndex.Colon, 0].std().item<double>();
        double sdBlind = draws[TensorIndex.Colon, 1].std().item<double>();
        Assert.InRange(sdSeen, 0.66, 0.76); // 1 / sqrt(2)
        Assert.True(sdBlind > 100 * sdSeen, $"blind direction sd {sdBlind} vs {sdSeen}");
    }

    private static Tensor Quadratic(Parameter first, Parameter second)
    {
        using var k = new KeptScalars();
        var theta = cat([first.reshape(-1), second.reshape(-1)]).to(ScalarType.Float64);
        var a = tensor(A.Cast<double>().ToArray(), [3, 3]);
        var b = tensor(new[] { 0.1, -0.4, 0.7 });
        return k[0.5] * matmul(theta, matmul(a, theta)) + matmul(b, theta);
    }
}
