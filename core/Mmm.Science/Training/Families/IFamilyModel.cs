using Mmm.Science.Model;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// A model family's model in one training session (<see cref="TrainingSession"/> calls only this): its network, how it is
/// initialised and warm-started, its objective, what its intervals, self-check and curvature check are, and the state it
/// keeps in the checkpoint besides the network's parameters.
/// </summary>
internal interface IFamilyModel
{
    MmmNetwork Network { get; }

    /// <summary>What the pre-fit's restarts found (null before the warm start or where the family has no pre-fit).</summary>
    PrefitRestarts? Restarts { get; }

    /// <summary>Initial values from the data, before the warm start (docs/model.md §4).</summary>
    void InitialiseFromData(TrainingTensors data);

    /// <summary>The warm start (docs/model.md §6); returns its last fit term.</summary>
    /// <param name="dropoutRng">The session's (checkpointed) generator of the control-feature dropout.</param>
    double WarmStart(TrainingTensors data, Generator dropoutRng);

    /// <summary>Before each block of main-loop epochs.</summary>
    void BeginBlock();

    /// <summary>One main-loop forward pass in training mode (with the family's dropout, drawn from <paramref name="dropoutRng"/>)
    /// and its objective at the block's duals.</summary>
    LossTerms TrainingLoss(TrainingTensors data, Generator dropoutRng, NotearsState duals);

    /// <summary>The curvature check of the fit (null where the family has none).</summary>
    Curvature? Curvature(TrainingTensors data);

    /// <summary>Contribution intervals, the self-check and the members' graphs, running here what <paramref name="refits"/> does not hold;
    /// nulls where the family has none or they are switched off.</summary>
    Uncertainty Uncertainty(TrainingTensors data, RefitResults refits);

    /// <summary>Members <paramref name="first"/>.. of the posterior ensemble: each member's [split * C] contributions in KPI units, and its graph.</summary>
    EnsembleBatch EnsembleMembers(TrainingTensors data, int first, int count);

    /// <summary>Refits <paramref name="first"/>.. of the self-check, like <see cref="EnsembleMembers"/>.</summary>
    IReadOnlyList<double[]> SelfCheckRefits(TrainingTensors data, int first, int count);

    /// <summary>What decisions need to predict again without retraining (model.json); null where the family cannot save it
    /// (the reference network's coefficients come from its GRU, for weeks it has seen only).</summary>
    Decisions.SavedModel? Save(TrainingTensors data, Results.AdjacencySelectionResult adjacency, IReadOnlyList<Decisions.ResponseDraw>? members);

    /// <summary>The family's checkpoint state (JSON), written between the counters and the dropout RNG.</summary>
    string SaveState();

    /// <summary>Restores <see cref="SaveState"/>.</summary>
    void LoadState(string state);
}

/// <summary>[split: train, holdout, all][channel] contribution intervals, the self-check's result, and each ensemble member's graph.</summary>
internal sealed record Uncertainty(ContributionInterval[][]? Intervals, SelfCheckResult? SelfCheck, IReadOnlyList<bool[]>? Edges,
    IReadOnlyList<Decisions.ResponseDraw>? Draws = null)
{
    public static Uncertainty None { get; } = new(null, null, null);
}
