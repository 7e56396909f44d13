using Mmm.Science.Model;
using Mmm.Science.Options;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// M fits of the structural model at once (docs/model.md §4, §8): the pre-fit's restarts, the posterior ensemble's
/// members and the self-check's refits. Their parameters are stacked along a leading member dimension
/// (<see cref="StructuralValues"/>) and trained with one Adam on the sum of their objectives: Adam is elementwise, so
/// this is M independent fits, and on a small panel, where a step's cost is the number of tensor operations rather
/// than their size, M members cost about what one does.
/// </summary>
internal sealed class StructuralBatch : IDisposable
{
    private const int NoiseUpdateEvery = 100;

    private readonly List<Parameter> parameters;
    public StructuralValues Values { get; }
    public int Members { get; }
    /// <summary>[M] each member's KPI noise variance σ² (scaled units), which its fit term divides by.</summary>
    public Tensor NoiseVariance { get; private set; }

    private StructuralBatch(StructuralValues values, List<Parameter> parameters, Tensor noise)
    {
        Values = values;
        this.parameters = parameters;
        NoiseVariance = noise;
        Members = (int)noise.shape[0];
    }

    /// <summary>Stacks the members' starting values (each as the network holds them) and their σ².</summary>
    public static StructuralBatch Stack(IReadOnlyList<StructuralValues> starts, IReadOnlyList<double> noise)
    {
        var made = new List<Parameter>();
        int index = 0;
        var values = starts[0].Select(_ =>
        {
            int i = index++;
            var p = new Parameter(stack(starts.Select(s => s.All().ElementAt(i).detach()).ToList()).contiguous(), requires_grad: true);
            made.Add(p);
            return (Tensor)p;
        });
        return new StructuralBatch(values, made, tensor(noise.Select(v => (float)v).ToArray()).to(starts[0].EffectRaw.device));
    }

    /// <summary>Member <paramref name="member"/>'s values, detached (views into the batch).</summary>
    public StructuralValues Member(int member) => Values.Select(t => t.detach()[member]);

    /// <summary>
    /// The members' objectives summed: each ½ SSE / σ² + priors + the lift tests' term, per fitted cell, as the pre-fit's.
    /// </summary>
    /// <param name="targets">[M, R, T] each member's KPI (scaled).</param>
    /// <param name="shifts">The members' prior centres stacked along the member dimension; null: the priors as set.</param>
    public ModulatedLossTerms Objective(TrainingTensors data, MmmOptions o, Tensor targets, PriorShifts? shifts, bool withShrinkage = true)
    {
        using var k = new KeptScalars();
        var mask = data.FitMask;
        var cells = mask.sum().clamp_min(k[1]);
        var (_, hill) = StructuralModel.Response(Values, data.Inputs.Media, o);
        var parts = StructuralModel.Compose(Values, data.Inputs, o, hill, null);
        var squared = ((parts.Prediction - targets).square() * mask).sum([-2, -1]); // [M]
        var priors = ModulatedLoss.Priors(Values, o, parts.MediaContributions, mask, withShrinkage, shifts);
        var total = k[0.5] * (squared / NoiseVariance).sum() + priors;
        var calibration = ModulatedLoss.CalibrationTerm(parts.MediaContributions, data.Lift, data.Roi, shifts);
        if (calibration is not null) total = total + calibration;
        return new ModulatedLossTerms { Total = total / cells, Fit = squared / cells, Dag = zeros(1, device: cells.device), Priors = priors, Calibration = calibration };
    }

    /// <summary>Adam on the summed objective for <paramref name="epochs"/> epochs.</summary>
    /// <param name="reestimateNoise">true: each member's σ² follows its residuals every 100 epochs and at the end (the pre-fit and
    /// the refits of the product's procedure); false: held (an ensemble member keeps the likelihood of the fit it perturbs).</param>
    /// <param name="shrinkageFrom">Fraction of the epochs after which the effect shrinkage comes on; at or above 1 it never does
    /// (the ensemble's members: the shrinkage decides the run's point, and is not a belief the posterior should share).</param>
    public void Fit(TrainingTensors data, MmmOptions o, Tensor targets, PriorShifts? shifts, int epochs, double learningRate, bool reestimateNoise,
        double shrinkageFrom = 0)
    {
        using var k = new KeptScalars();
        using var optimizer = AdamW.Adam(parameters, learningRate);
        for (int e = 0; e < epochs; e++)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var terms = Objective(data, o, targets, shifts, withShrinkage: shrinkageFrom < 1 && e >= shrinkageFrom * epochs);
            terms.Total.backward();
            optimizer.Apply();
            LossGuard.Check(terms with { Fit = terms.Fit.sum() }, e + 1, LossGuard.WarmStart, "structuralLearningRate");
            if (reestimateNoise && (e + 1) % NoiseUpdateEvery == 0) SetNoise(terms.Fit);
        }
        if (reestimateNoise)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            SetNoise(Objective(data, o, targets, shifts).Fit);
        }
    }

    /// <summary>[M] each member's profile-likelihood score, ½ N ln MSE + priors + the lift tests' term (the pre-fit keeps the best restart).</summary>
    public double[] Scores(TrainingTensors data, MmmOptions o, Tensor targets)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        double cells = data.FitMask.sum().item<float>();
        var mse = HostArray.Of(Objective(data, o, targets, null).Fit);
        return Enumerable.Range(0, Members).Select(m =>
        {
            var values = Member(m);
            var (_, hill) = StructuralModel.Response(values, data.Inputs.Media, o);
            var parts = StructuralModel.Compose(values, data.Inputs, o, hill, null);
            double priors = ModulatedLoss.Priors(values, o, parts.MediaContributions, data.FitMask).item<float>();
            double calibration = ModulatedLoss.CalibrationTerm(parts.MediaContributions, data.Lift, data.Roi, null)?.item<float>() ?? 0;
            return 0.5 * cells * Math.Log(Math.Max(mse[m], 1e-12)) + priors + calibration;
        }).ToArray();
    }

    /// <summary>[M][C] each member's mean contribution per fitted cell (scaled KPI: share of the region's mean KPI).</summary>
    public double[][] MeanContributions(TrainingTensors data, MmmOptions o)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (_, hill) = StructuralModel.Response(Values, data.Inputs.Media, o);
        var media = StructuralModel.Compose(Values, data.Inputs, o, hill, null).MediaContributions;
        var mean = HostArray.Of(ModulatedLoss.MeanContributions(media, data.FitMask));
        int channels = mean.Length / Members;
        return Enumerable.Range(0, Members).Select(m => mean.AsSpan(m * channels, channels).ToArray().Select(v => (double)v).ToArray()).ToArray();
    }

    /// <summary>[M][split * C] each member's structural contributions summed over each split, in KPI units.</summary>
    /// <param name="splitWeights">[S, R*T] per split and cell, the cell's KPI divisor where it is a present row of the split, else 0.</param>
    public double[][] Totals(TrainingTensors data, MmmOptions o, Tensor splitWeights)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (_, hill) = StructuralModel.Response(Values, data.Inputs.Media, o);
        var media = StructuralModel.Compose(Values, data.Inputs, o, hill, null).MediaContributions; // [M, R, T, C]
        var totals = matmul(splitWeights, media.reshape(Members, splitWeights.shape[1], -1)).to(ScalarType.Float64).cpu(); // [M, S, C]
        var flat = totals.data<double>().ToArray();
        int width = flat.Length / Members;
        return Enumerable.Range(0, Members).Select(m => flat.AsSpan(m * width, width).ToArray()).ToArray();
    }

    /// <summary>σ² from the residuals' mean square.</summary>
    private void SetNoise(Tensor mse)
    {
        using var k = new KeptScalars();
        var old = NoiseVariance;
        NoiseVariance = mse.detach().clamp_min(k[1e-8]).clone().DetachFromDisposeScope();
        old.Dispose();
    }

    public void Dispose()
    {
        parameters.ForEach(p => p.Dispose());
        NoiseVariance.Dispose();
    }
}
