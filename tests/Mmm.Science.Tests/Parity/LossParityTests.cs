using Mmm.Science.Model;
using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Parity;

public class LossParityTests
{
    private static (CausalMmmNetwork Net, ReferenceLossTerms Loss, System.Text.Json.JsonElement Golden) Run(string lossCase, string forwardCase, NotearsState notears)
    {
        var golden = GoldenFile.Case(lossCase);
        var forward = GoldenFile.Case(forwardCase);
        var net = GoldenFile.Network(forward);
        var media = GoldenFile.ToTensor(forward.At("inputs", "Xm"));
        var controls = GoldenFile.ToTensor(forward.At("inputs", "Xc"));
        var seasonal = GoldenFile.PaddedSeasonal(forward.At("model_attributes_not_in_state_dict", "seasonal_components"), media.shape[1]);
        var target = GoldenFile.ToTensor(golden.GetProperty("target_y"));
        var outputs = net.Forward(new ModelInputs(media, controls, seasonal, zeros(media.shape[1])), null);
        // The reference's Huber covers every element, the zero padding weeks included.
        var loss = MmmLoss.Compute(net, outputs, target, ones_like(target), notears);
        loss.Total.backward();
        return (net, loss, golden);
    }

    public static TheoryData<string, string, bool, double, double> Cases => new()
    {
        { "loss_and_grad", "forward_triangular", false, 1.0, 0.0 },
        { "loss_and_grad_notears", "forward_notears", true, 1.0, 0.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_components_match_the_reference(string lossCase, string forwardCase, bool active, double rho, double alpha)
    {
        var (_, loss, golden) = Run(lossCase, forwardCase, new NotearsState(active, rho, alpha));
        var c = golden.GetProperty("components");
        Tolerance.Close("huber", loss.Fit.item<float>(), c.GetProperty("huber").GetDouble());
        Tolerance.Close("dag_loss", loss.Dag.item<float>(), c.GetProperty("dag_loss").GetDouble());
        Tolerance.Close("sparsity_loss", loss.Sparsity!.item<float>(), c.GetProperty("sparsity_loss").GetDouble());
        Tolerance.Close("l1_reg", loss.L1!.item<float>(), c.GetProperty("l1_reg").GetDouble());
        Tolerance.Close("l2_reg", loss.L2!.item<float>(), c.GetProperty("l2_reg").GetDouble());
        Tolerance.Close("attribution_reg_loss_raw", loss.AttributionRaw!.item<float>(), c.GetProperty("attribution_reg_loss_raw").GetDouble());
        Tolerance.Close("attribution_reg", loss.Attribution!.item<float>(), c.GetProperty("attribution_reg").GetDouble());
        Tolerance.Close("seasonal_reg_loss_raw", loss.SeasonalRaw!.item<float>(), c.GetProperty("seasonal_reg_loss_raw").GetDouble());
        Tolerance.Close("seasonal_reg", loss.Seasonal!.item<float>(), c.GetProperty("seasonal_reg").GetDouble());
        Tolerance.Close("total", loss.Total.item<float>(), c.GetProperty("total").GetDouble());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_match_the_reference(string lossCase, string forwardCase, bool active, double rho, double alpha)
    {
        var (net, _, golden) = Run(lossCase, forwardCase, new NotearsState(active, rho, alpha));
        var grads = golden.GetProperty("grads");
        var parameters = net.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(grads.EnumerateObject().Select(g => g.Name).OrderBy(n => n), parameters.Keys.OrderBy(n => n));
        foreach (var g in grads.EnumerateObject())
            Tolerance.GradientClose($"grad {g.Name}", parameters[g.Name].grad!, GoldenFile.Values(g.Value));
        foreach (var n in golden.GetProperty("grad_norms").EnumerateObject())
            Tolerance.Close($"norm {n.Name}", parameters[n.Name].grad!.norm().item<float>(), n.Value.GetDouble(), 1e-9, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Clip_groups_and_norms_match_the_reference(string lossCase, string forwardCase, bool active, double rho, double alpha)
    {
        var (net, _, golden) = Run(lossCase, forwardCase, new NotearsState(active, rho, alpha));
        var groups = golden.GetProperty("clip_groups");
        var names = net.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(groups.GetProperty("coeff_group_max_norm_1").EnumerateArray().Select(e => e.GetString()),
            names.Where(GradientClipping.IsCoefficientParameter));
        Assert.Equal(groups.GetProperty("other_group_max_norm_2").EnumerateArray().Select(e => e.GetString()),
            names.Where(n => !GradientClipping.IsCoefficientParameter(n)));
        var (coefficients, others) = GradientClipping.Groups(net);
        Tolerance.Close("coeff norm", GradientClipping.ClipGroup(coefficients, 1.0), groups.GetProperty("coeff_group_total_norm_preclip").GetDouble(), 1e-9, 1e-5);
        Tolerance.Close("other norm", GradientClipping.ClipGroup(others, 2.0), groups.GetProperty("other_group_total_norm_preclip").GetDouble(), 1e-9, 1e-5);
    }
}
