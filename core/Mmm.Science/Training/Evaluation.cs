using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>An eval-mode pass: acyclicity, pooled R² in scaled KPI units on train and holdout, and the stopping score.</summary>
internal sealed record Evaluation(double H, double TrainR2, double? HoldoutR2, double StoppingScore);

public sealed partial class TrainingSession
{
    internal Evaluation Evaluate()
    {
        using var k = new KeptScalars();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var prediction = Network.Forward(Data.Inputs, dropoutMask: null).Prediction;
        bool hasHoldout = Data.HoldoutMask.sum().item<float>() > 0;
        var stoppingMask = hasHoldout ? Data.HoldoutMask : Data.InitCells;
        double score = ((MmmLoss.Huber(prediction - Data.Target, Options.HuberDelta) * stoppingMask).sum() / stoppingMask.sum().clamp_min(k[1])).item<float>();
        LastH = Acyclicity();
        return new Evaluation(LastH, R2(prediction, Data.InitCells), hasHoldout ? R2(prediction, Data.HoldoutMask) : null, score);
    }

    private double R2(Tensor prediction, Tensor cells)
    {
        using var k = new KeptScalars();
        var n = cells.sum().clamp_min(k[1]);
        var mean = (Data.Target * cells).sum() / n;
        var sse = ((prediction - Data.Target).square() * cells).sum();
        var sst = ((Data.Target - mean).square() * cells).sum();
        return 1 - sse.item<float>() / Math.Max(sst.item<float>(), 1e-12);
    }
}
