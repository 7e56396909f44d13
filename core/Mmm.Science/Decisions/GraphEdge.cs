namespace Mmm.Science.Decisions;

/// <summary>
/// A selected edge of the channel graph and how the source's media move the target's (docs/model.md §10): a change of the
/// source's adstocked scaled media by d changes the target's scaled media by <see cref="Coefficient"/> x d. The graph was
/// learned as <c>X~_target ≈ Σ A~_source W</c> on standardised media (§6), so <c>Coefficient = W sd(X_target) / sd(A_source)</c>.
/// </summary>
public sealed record GraphEdge(string Source, string Target, double Weight, double Coefficient);
