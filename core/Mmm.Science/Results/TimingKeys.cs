namespace Mmm.Science.Results;

/// <summary>
/// The keys of summary.json's <c>timingsSeconds</c>, the same for <c>mmm fit</c> (<c>TrainingDriver</c>) and the
/// pipeline (its orchestrator and its output activity): seconds of each step.
/// </summary>
public static class TimingKeys
{
    /// <summary>Reading and validating the input, scaling it and initialising the model.</summary>
    public const string Scaling = "scaling";
    public const string WarmStart = "warm_start";
    public const string Training = "training";
    /// <summary>What the pipeline's structural refits still took after the last training block (they run next to it); in
    /// <c>mmm fit</c> they run inside <see cref="Decomposing"/>.</summary>
    public const string Refits = "refits";
    /// <summary>Computing the results: decomposition, metrics, intervals, health checks.</summary>
    public const string Decomposing = "decomposing";
}
