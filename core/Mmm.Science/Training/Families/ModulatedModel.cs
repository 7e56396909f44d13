using System.Text.Json;
using Microsoft.Extensions.Logging;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The modulated or structural network in a training session: no data-driven initialisation; the structural pre-fit as warm
/// start (<see cref="StructuralPrefit"/>, whose restarts it keeps in the checkpoint); the structural part held through the main
/// loop, which trains the GRU modulation and the channel graph on <see cref="ModulatedLoss"/>; the posterior ensemble's intervals
/// and the self-check (<see cref="ModulatedIntervals"/>) and the curvature check of the structural fit.
/// </summary>
internal sealed class ModulatedModel(FamilyContext context, ModulatedMmmNetwork network) : IFamilyModel
{
    private readonly MmmOptions options = context.Options;

    public MmmNetwork Network => network;
    public PrefitRestarts? Restarts { get; private set; }

    public void InitialiseFromData(TrainingTensors data) { }

    public double WarmStart(TrainingTensors data, Generator dropoutRng)
    {
        double prefit = 0;
        if (options.StructuralEpochs > 0) (prefit, Restarts) = StructuralPrefit.Run(network, data, options, context.Logger);
        context.Logger.LogInformation("Structural pre-fit: {Restarts} restart(s) x {Epochs} epochs, fit {Fit:E3}", options.StructuralRestarts, options.StructuralEpochs, prefit);
        return prefit;
    }

    public void BeginBlock() => network.HoldStructure(true);

    public LossTerms TrainingLoss(TrainingTensors data, Generator dropoutRng, NotearsState duals)
    {
        var outputs = network.Forward(data.Inputs, dropoutMask: null);
        return ModulatedLoss.Compute(network, outputs, data.Target, data.FitMask, duals, data.Inputs.Media, data.Confounders, lift: data.Lift, roi: data.Roi);
    }

    public Curvature? Curvature(TrainingTensors data) => CurvatureCheck.Compute(network, data, context.Panel.Channels);

    public Uncertainty Uncertainty(TrainingTensors data, RefitResults refits) => ModulatedIntervals.Compute(this, network, context, data, refits);

    public EnsembleBatch EnsembleMembers(TrainingTensors data, int first, int count)
    {
        using var weights = SplitWeights.For(context);
        return PosteriorEnsemble.Members(network, data, weights, first, count, context.Panel.Channels);
    }

    public IReadOnlyList<double[]> SelfCheckRefits(TrainingTensors data, int first, int count)
    {
        using var weights = SplitWeights.For(context);
        return Training.SelfCheckRefits.Run(network, data, weights, first, count);
    }

    public Decisions.SavedModel? Save(TrainingTensors data, AdjacencySelectionResult adjacency, IReadOnlyList<Decisions.ResponseDraw>? members) =>
        context.Scaler.MediaDivisor is null ? null
            : Decisions.SavedModelBuilder.Build(context.Panel, context.Scaler, context.Split, network, data, adjacency, members);

    public string SaveState() => JsonSerializer.Serialize(Restarts, TrainingSession.CheckpointJson);

    public void LoadState(string state) => Restarts = JsonSerializer.Deserialize<PrefitRestarts?>(state, TrainingSession.CheckpointJson);
}
