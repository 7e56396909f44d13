using TorchSharp;
using static TorchSharp.torch;

namespace Mmm.Science.Tests;

public class TorchSharpLoadsTests
{
    [Fact]
    public void Tensor_ops_and_backward_run_on_this_machine()
    {
        var x = torch.tensor(new float[] { 1f, 2f, 3f }, requires_grad: true);
        var y = (x * x).sum();
        y.backward();
        Assert.Equal(new float[] { 2f, 4f, 6f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Gru_and_matrix_exp_run()
    {
        torch.manual_seed(0);
        using var gru = nn.GRU(3, 4, batchFirst: true);
        var (seq, _) = gru.forward(torch.randn(2, 5, 3));
        Assert.Equal(new long[] { 2, 5, 4 }, seq.shape);
        // exp of the zero matrix is the identity: trace 3
        Assert.Equal(3f, torch.linalg.matrix_exp(torch.zeros(3, 3)).trace().item<float>(), 6);
    }
}
