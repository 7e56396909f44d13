using Mmm.Science.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// AdamW exactly as PyTorch's single-tensor implementation. Written here (a few lines) rather than
/// using TorchSharp's optimizer so that its whole state (step, first and second moments) lives in
/// plain tensors that a checkpoint saves and restores bit for bit.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly IReadOnlyList<Parameter> parameters;
    public double LearningRate { get; set; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }
    public long Step { get; private set; }
    public IReadOnlyList<Tensor> FirstMoments { get; }
    public IReadOnlyList<Tensor> SecondMoments { get; }

    public AdamW(IReadOnlyList<Parameter> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0.01)
    {
        this.parameters = parameters;
        LearningRate = lr; Beta1 = beta1; Beta2 = beta2; Eps = eps; WeightDecay = weightDecay;
        FirstMoments = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToList();
        SecondMoments = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToList();
    }

    /// <summary>
    /// Plain Adam with TorchSharp's defaults (betas 0.9 and 0.99, eps 1e-8, no weight decay), the optimizer of the structural
    /// fits: TorchSharp's own hands LibTorch temporary Scalars the GC may free mid-call (build/BannedSymbols.txt).
    /// </summary>
    public static AdamW Adam(IReadOnlyList<Parameter> parameters, double learningRate) =>
        new(parameters, learningRate, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0);

    public void ZeroGrad()
    {
        foreach (var p in parameters) p.grad?.zero_();
    }

    public void Apply()
    {
        using var k = new KeptScalars();
        Step++;
        double bias1 = 1 - Math.Pow(Beta1, Step), bias2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, Step));
        using var _ = no_grad();
        using var firstWeight = tensor(1 - Beta1);
        for (int i = 0; i < parameters.Count; i++)
        {
            var grad = parameters[i].grad;
            // A held parameter (requires_grad off) may still carry a zeroed gradient from an earlier phase:
            // skip it, or weight decay alone would move it (and a resumed session, whose gradients are null, would not).
            if (grad is null || !parameters[i].requires_grad) continue;
            using var scope = NewDisposeScope();
            var p = parameters[i];
            if (WeightDecay != 0) p.mul_(k[1 - LearningRate * WeightDecay]);
            FirstMoments[i].lerp_(grad, firstWeight);
            SecondMoments[i].mul_(k[Beta2]).addcmul_(grad, grad, k[1 - Beta2]);
            var denom = (SecondMoments[i].sqrt() / k[bias2Sqrt]).add_(k[Eps]);
            p.addcdiv_(FirstMoments[i], denom, k[-LearningRate / bias1]);
        }
    }

    /// <summary>Restores a saved state (moments are copied in place).</summary>
    public void Load(long step, IReadOnlyList<Tensor> first, IReadOnlyList<Tensor> second)
    {
        Step = step;
        using var _ = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            FirstMoments[i].copy_(first[i]);
            SecondMoments[i].copy_(second[i]);
        }
    }

    public void Dispose()
    {
        foreach (var t in FirstMoments.Concat(SecondMoments)) t.Dispose();
    }
}
