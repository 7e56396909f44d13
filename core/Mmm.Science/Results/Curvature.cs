namespace Mmm.Science.Results;

/// <summary>The structural fit's curvature in its pooled parameters (<c>CurvatureCheck</c>), for the health checks.</summary>
/// <param name="Parameters">How many pooled parameters were checked (the curves of channels shrunk to zero are left out).</param>
/// <param name="PositiveDefinite">Every eigenvalue of the Hessian clearly above zero: a proper mode.</param>
/// <param name="Condition">Largest / smallest eigenvalue (infinite when not positive definite).</param>
/// <param name="SmallestEigenvalue">The flattest direction's curvature, as a fraction of the steepest's (negative: a saddle).</param>
/// <param name="Weakest">The pooled parameter with the largest weight in the flattest direction.</param>
public sealed record Curvature(int Parameters, bool PositiveDefinite, double Condition, double SmallestEigenvalue, string Weakest);
