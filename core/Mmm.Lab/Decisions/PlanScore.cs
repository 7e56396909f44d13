namespace Mmm.Lab.Decisions;

/// <summary>How much of the possible gain a recommended plan captures, all three plans valued under the true response.</summary>
public static class PlanScore
{
    /// <summary>A true optimum that beats the current plan by no more than this share of its value leaves no gain to capture.</summary>
    public const double NoGainTolerance = 1e-6;

    /// <summary>
    /// (true(recommended) - true(current)) / (true(optimum) - true(current)): 1 for a plan as good as the true optimum, 0 for one no
    /// better than the current plan, negative for a worse one; null when the true optimum gains (about) nothing over the current plan.
    /// </summary>
    public static double? CapturedGain(double current, double recommended, double optimum)
    {
        double possible = optimum - current;
        if (!(possible > NoGainTolerance * Math.Max(1, Math.Abs(optimum)))) return null;
        return (recommended - current) / possible;
    }
}
