using Mmm.Science.Model;
using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Parity;

public class NotearsParityTests
{
    [Theory]
    [InlineData("upper_triangular")]
    [InlineData("two_cycle")]
    [InlineData("dense_random")]
    public void Acyclicity_and_its_gradient_match_the_reference(string example)
    {
        var golden = GoldenFile.Case("h_examples").At("examples", example);
        var w = GoldenFile.ToTensor(golden.GetProperty("W")).requires_grad_(true);
        var h = ChannelDag.Acyclicity(w);
        h.backward();
        Assert.True(Math.Abs(h.item<float>() - golden.GetProperty("h").GetDouble()) <= 1e-6, $"h = {h.item<float>()}");
        Tolerance.GradientClose("dh/dW", w.grad!, GoldenFile.Values(golden.GetProperty("dh_dW")));
    }

    [Fact]
    public void Dag_loss_matches_the_reference_before_and_after_activation()
    {
        var forward = GoldenFile.Case("forward_notears");
        var net = GoldenFile.Network(forward);
        var notears = forward.GetProperty("notears");
        Tolerance.Close("masked adjacency", net.Adjacency(), GoldenFile.Values(notears.GetProperty("masked_adjacency")));
        Assert.True(Math.Abs(ChannelDag.Acyclicity(net.Adjacency()).item<float>() - notears.GetProperty("h_acyclicity_masked_adjacency").GetDouble()) <= 1e-6);
        var dagLoss = notears.GetProperty("get_dag_loss");
        Tolerance.Close("inactive", MmmLoss.DagLoss(net, new NotearsState(false, 2, 0.5)).item<float>(),
            dagLoss.GetProperty("notears_active_false").GetDouble());
        Tolerance.Close("active", MmmLoss.DagLoss(net, new NotearsState(true, 2, 0.5)).item<float>(),
            dagLoss.GetProperty("notears_active_true").GetDouble());
    }

    [Fact]
    public void Reference_dual_updates_match_the_reference()
    {
        var updates = GoldenFile.Case("forward_notears").At("notears", "notears_update_duals");
        var factor = updates.At("args", "factor").GetDouble();
        var progress = updates.At("args", "progress").GetDouble();
        var state = new NotearsState(true, 2.0, 0.5);
        foreach (var call in updates.GetProperty("calls").EnumerateArray())
        {
            var h = call.At("returned", "h").GetDouble();
            state = DualSchedule.ReferenceUpdate(state, h, factor, progress, rhoMax: 1e16);
            var after = call.GetProperty("after");
            Tolerance.Close("rho", state.Rho, after.GetProperty("rho").GetDouble(), 1e-9, 1e-7);
            Tolerance.Close("alpha", state.Alpha, after.GetProperty("alpha").GetDouble(), 1e-9, 1e-6);
            Tolerance.Close("h_prev", state.HPreviousOrInfinity, GoldenFile.Number(after.GetProperty("h_prev")), 1e-9, 1e-7);
        }
    }
}
