using Mmm.Science.Model;
using Mmm.Science.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

/// <summary>The Hessian against functions whose Hessian is known in closed form.</summary>
public class HessianTests
{
    // A symmetric positive definite precision, spread over two parameter tensors (a vector and a 1x2 matrix).
    private static readonly double[,] A = { { 4, 1, 0.5 }, { 1, 3, -0.2 }, { 0.5, -0.2, 2 } };

    [Fact]
    public void Hessian_of_a_quadratic_is_its_matrix_in_the_parameters_order()
    {
        using var first = new Parameter(tensor(new[] { 0.3f }));
        using var second = new Parameter(tensor(new[,] { { -0.5f, 1.2f } }));
        var hessian = Hessian.Of(() => Quadratic(first, second), [first, second]);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(A[i, j], hessian[i, j].item<double>(), 4);
    }

    [Fact]
    public void Hessian_of_a_nonlinear_function_is_exact_at_the_point_and_leaves_requires_grad_as_it_was()
    {
        // f(x, y) = exp(x) y^2: f_xx = exp(x) y^2, f_xy = 2 exp(x) y, f_yy = 2 exp(x).
        using var p = new Parameter(tensor(new[] { 0.5f, -1.5f }), requires_grad: false);
        var hessian = Hessian.Of(() => exp(p[0]) * p[1].square(), [p]);
        double e = Math.Exp(0.5), y = -1.5;
        Assert.Equal(e * y * y, hessian[0, 0].item<double>(), 4);
        Assert.Equal(2 * e * y, hessian[0, 1].item<double>(), 4);
        Assert.Equal(2 * e * y, hessian[1, 0].item<double>(), 4);
        Assert.Equal(2 * e, hessian[1, 1].item<double>(), 4);
        Assert.False(p.requires_grad);
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
