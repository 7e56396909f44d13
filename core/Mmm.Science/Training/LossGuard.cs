using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// Stops training at the first epoch whose loss is NaN or infinite, naming the epoch and the loss term
/// that went first, instead of training on (a NaN step poisons every weight, and the run used to end much
/// later with an error about something else).
/// </summary>
public static class LossGuard
{
    public const string WarmStart = "warm start", Training = "training";

    /// <param name="epoch">1-based epoch of <paramref name="phase"/> (for training, the run's epoch counter).</param>
    /// <exception cref="TrainingDivergedException">The total loss is not finite.</exception>
    /// <param name="learningRateSetting">The run-config key of the phase's learning rate, named in the error.</param>
    public static void Check(LossTerms terms, int epoch, string phase, string? learningRateSetting = null)
    {
        learningRateSetting ??= phase == WarmStart ? "warmStartLearningRate" : "learningRate";
        double total = terms.Total.item<float>();
        if (double.IsFinite(total)) return;
        foreach (var (name, term) in terms.Terms())
        {
            if (term is null) continue;
            double value = term.item<float>();
            if (!double.IsFinite(value)) throw new TrainingDivergedException(phase, epoch, name, value, total, learningRateSetting);
        }
        throw new TrainingDivergedException(phase, epoch, "total", total, total, learningRateSetting);
    }
}
