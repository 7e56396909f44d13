namespace Mmm.Science.Training;

/// <summary>The augmented-Lagrangian duals of NOTEARS, plus whether the penalty is on yet.</summary>
/// <param name="HPrevious">h(W) accepted at the previous dual update (infinity before the first).</param>
public sealed record NotearsState(bool Active, double Rho, double Alpha, double HPrevious)
{
    public static NotearsState Initial(double rho, double alpha) => new(false, rho, alpha, double.PositiveInfinity);
}
