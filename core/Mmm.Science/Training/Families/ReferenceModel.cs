using Microsoft.Extensions.Logging;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The reference network in a training session: data-driven initial values (docs/model.md §4), a warm start with its own
/// AdamW at a small learning rate on the MSE fit without priors (§6), the control-feature dropout, the reference objective
/// (<see cref="MmmLoss"/>, §5). It has no structural refits, so no intervals, self-check or curvature check, and no
/// checkpoint state beyond the session's.
/// </summary>
internal sealed class ReferenceModel(FamilyContext context, CausalMmmNetwork network) : IFamilyModel
{
    private readonly MmmOptions options = context.Options;

    public MmmNetwork Network => network;
    public PrefitRestarts? Restarts => null;

    public void InitialiseFromData(TrainingTensors data)
    {
        var inputs = data.Inputs;
        DataDrivenInit.Baseline(network, data.Target, data.InitCells);
        DataDrivenInit.StableCoefficients(network, inputs.Media, inputs.Controls, data.Target, data.InitCells);
        // The reference takes the Hill percentile on raw media although Hill runs after adstock; the fix
        // takes it on the adstocked media the curve actually sees.
        using var hillInput = options.ReferenceCompat
            ? inputs.Media.alias()
            : GeometricAdstock.Apply(inputs.Media, network.AdstockDecay().detach());
        DataDrivenInit.HillHalfSaturation(network, hillInput, data.InitCells, referenceLogit: options.ReferenceCompat);
    }

    public double WarmStart(TrainingTensors data, Generator dropoutRng)
    {
        if (options.WarmStartEpochs <= 0) return 0;
        var all = network.named_parameters().Select(p => p.parameter).ToList();
        using var warm = new AdamW(all, options.WarmStartLearningRate, options.Beta1, options.Beta2, 1e-8, options.WeightDecay);
        double last = 0;
        for (int e = 0; e < options.WarmStartEpochs; e++)
        {
            using var scope = NewDisposeScope();
            warm.ZeroGrad();
            var outputs = network.Forward(data.Inputs, DropoutMask(data, dropoutRng));
            var loss = MmmLoss.Compute(network, outputs, data.Target, data.FitMask, NotearsState.Initial(0, 0), warmStart: true);
            loss.Total.backward();
            GradientClipping.ClipGroup(all, 1.0);
            warm.Apply();
            last = loss.Fit.item<float>();
            LossGuard.Check(loss, e + 1, LossGuard.WarmStart);
        }
        context.Logger.LogInformation("Warm start: {Epochs} epochs, fit loss {Loss:F5}", options.WarmStartEpochs, last);
        return last;
    }

    public void BeginBlock() { }

    public LossTerms TrainingLoss(TrainingTensors data, Generator dropoutRng, NotearsState duals)
    {
        var outputs = network.Forward(data.Inputs, DropoutMask(data, dropoutRng));
        return MmmLoss.Compute(network, outputs, data.Target, data.FitMask, duals, media: data.Inputs.Media);
    }

    /// <summary>Keep-mask of the control-feature dropout, drawn from the session's own (checkpointed) generator; null without dropout.</summary>
    private Tensor? DropoutMask(TrainingTensors data, Generator dropoutRng)
    {
        using var k = new KeptScalars();
        double p = options.Dropout;
        if (p <= 0) return null;
        var shape = new long[] { data.Inputs.Regions, data.Inputs.Periods, options.ControlHidden };
        var keep = rand(shape, generator: dropoutRng).ge(k[p]).to(ScalarType.Float32) / k[1 - p];
        return keep.to(context.Device);
    }

    public Curvature? Curvature(TrainingTensors data) => null;

    public Uncertainty Uncertainty(TrainingTensors data, RefitResults refits) => Training.Uncertainty.None;

    public EnsembleBatch EnsembleMembers(TrainingTensors data, int first, int count) =>
        throw NoRefits();

    public IReadOnlyList<double[]> SelfCheckRefits(TrainingTensors data, int first, int count) => throw NoRefits();

    public Decisions.SavedModel? Save(TrainingTensors data, Results.AdjacencySelectionResult adjacency, IReadOnlyList<Decisions.ResponseDraw>? members) => null;

    private static InvalidOperationException NoRefits() => new("the reference architecture has no structural refits");

    public string SaveState() => "null";

    public void LoadState(string state) { }
}
