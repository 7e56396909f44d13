using System.Globalization;

namespace Mmm.Science.Training;

/// <summary>
/// Training stopped because the loss went non-finite (<see cref="LossGuard"/>). The message is for users:
/// the phase, the epoch, the first non-finite loss term and what to try; hosts report it without a stack trace.
/// </summary>
/// <param name="learningRateSetting">The run-config key of the learning rate that phase used.</param>
public sealed class TrainingDivergedException(string phase, int epoch, string term, double termValue, double total, string learningRateSetting)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"training diverged: the loss is {total} at {phase} epoch {epoch}; its first non-finite term is '{term}' ({termValue}). " +
        $"Lower {learningRateSetting} or look for extreme values in the input."))
{
    public const string Code = Mmm.Science.Data.ErrorCodes.TrainingDiverged;

    /// <summary><see cref="LossGuard.WarmStart"/> or <see cref="LossGuard.Training"/>.</summary>
    public string Phase { get; } = phase;
    public int Epoch { get; } = epoch;
    /// <summary>The loss term that went non-finite first (fit, dag, sparsity, l1, l2, attributionRaw, ..., structure), or "total" when every term is finite and only their weighted sum overflowed.</summary>
    public string Term { get; } = term;
}
