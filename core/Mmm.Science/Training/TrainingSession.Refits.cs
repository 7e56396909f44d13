using Mmm.Science.Decisions;

namespace Mmm.Science.Training;

/// <summary>The posterior ensemble's members and the self-check's refits, each a list of [split * C] contributions in KPI units,
/// and each member's selected channel graph (row-major [source * C + target]; null without one).</summary>
public sealed record RefitResults(IReadOnlyList<double[]>? Members, IReadOnlyList<double[]>? SelfCheck, IReadOnlyList<bool[]>? MemberEdges = null,
    IReadOnlyList<ResponseDraw>? MemberDraws = null);

/// <summary>A batch of posterior-ensemble members: each member's [split * C] contributions in KPI units, its selected graph
/// (row-major [source * C + target]; null without NOTEARS) and its media response (the draws decisions average over).</summary>
public sealed record EnsembleBatch(IReadOnlyList<double[]> Totals, IReadOnlyList<bool[]>? Edges, IReadOnlyList<ResponseDraw> Draws);

public sealed partial class TrainingSession
{
    /// <summary>
    /// Members <paramref name="first"/>.. of the posterior ensemble (<see cref="PosteriorEnsemble"/>), fitted as one batch: each
    /// member's [split * C] contributions per split (train, holdout, all) in KPI units. Run on the warm-started model, whose
    /// structural fit the main loop holds, so the pipeline runs them as activities next to the main loop.
    /// </summary>
    public EnsembleBatch EnsembleMembers(int first, int count) =>
        Model.EnsembleMembers(Data, first, count);

    /// <summary>Refits <paramref name="first"/>.. of the self-check (<see cref="Training.SelfCheckRefits"/>), like <see cref="EnsembleMembers"/>.</summary>
    public IReadOnlyList<double[]> SelfCheckRefits(int first, int count) => Model.SelfCheckRefits(Data, first, count);
}
