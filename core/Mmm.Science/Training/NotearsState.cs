namespace Mmm.Science.Training;

/// <summary>The augmented-Lagrangian duals of NOTEARS, plus whether the penalty is on yet.</summary>
/// <param name="HPrevious">h(W) accepted at the previous dual update; null before the first (the reference's
/// infinity, kept out of the record because JSON cannot carry it).</param>
public sealed record NotearsState(bool Active, double Rho, double Alpha, double? HPrevious = null)
{
    /// <summary>The previous h, infinity when there is none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double HPreviousOrInfinity => HPrevious ?? double.PositiveInfinity;

    public static NotearsState Initial(double rho, double alpha) => new(false, rho, alpha);
}
