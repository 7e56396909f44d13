using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The reference architecture's training objective (docs/model.md §5):
/// fit (Huber, or MSE in warm start) + dagWeight*dag + sparsityWeight*sparsity + l1Weight*sum|p| + l2Weight*sum p²
/// + the optional attribution and seasonal priors. Fit terms are means over the cells of <c>mask</c>
/// (the reference's mask covers its zero padding weeks too; ours covers present training weeks only).
/// </summary>
public static class MmmLoss
{
    public static ReferenceLossTerms Compute(CausalMmmNetwork net, ReferenceOutputs outputs, Tensor target, Tensor mask,
        NotearsState notears, bool warmStart = false, Tensor? media = null)
    {
        using var k = new KeptScalars();
        var o = net.Options;
        var cells = mask.sum();
        var error = outputs.Prediction - target;
        var fit = warmStart
            ? (error.square() * mask).sum() / cells
            : (Huber(error, o.HuberDelta) * mask).sum() / cells;
        var dag = DagLoss(net, notears);
        var sparsity = SparsityLoss(net);
        var parameters = net.parameters().ToList();
        var l1 = parameters.Select(p => p.abs().sum()).Aggregate((a, b) => a + b);
        var l2 = parameters.Select(p => p.square().sum()).Aggregate((a, b) => a + b);
        var total = fit + k[o.DagWeight] * dag + k[o.SparsityWeight] * sparsity + k[o.L1Weight] * l1 + k[o.L2Weight] * l2;

        Tensor? attributionRaw = null, attribution = null, seasonalRaw = null, seasonal = null;
        if (!warmStart && o.MediaContributionPrior is double share)
        {
            var mediaTerm = outputs.MediaContributions.sum(-1);
            attributionRaw = ((mediaTerm - k[share] * outputs.RawPrediction).square() * mask).sum() / cells;
            attribution = k[o.AttributionPriorWeight] * attributionRaw * (fit.detach() / (attributionRaw.detach() + k[1e-8]));
            total = total + attribution;
        }
        if (!warmStart && o.SeasonalPrior is double amplitude && net.SeasonalAmplitude is null)
        {
            seasonalRaw = (nn.functional.softplus(net.SeasonalCoeff) - k[amplitude]).square().mean();
            seasonal = k[o.SeasonalPriorWeight] * seasonalRaw * (fit.detach() / (seasonalRaw.detach() + k[1e-8]));
            total = total + seasonal;
        }
        Tensor? structure = null;
        if (o.DagStructureWeight > 0 && media is not null)
        {
            structure = StructureScore(media, outputs.MediaAdstock.detach(), net.Adjacency(), mask);
            total = total + k[o.DagStructureWeight] * structure;
        }
        return new ReferenceLossTerms
        {
            Total = total, Fit = fit, Dag = dag, Sparsity = sparsity, L1 = l1, L2 = l2, AttributionRaw = attributionRaw,
            Attribution = attribution, SeasonalRaw = seasonalRaw, Seasonal = seasonal, Structure = structure,
        };
    }

    /// <summary>
    /// The NOTEARS least-squares score on the channels: each channel's media explained by the other
    /// channels' adstocked media through W, <c>½ mean ||X - A W||²</c> over the fitted cells, every series
    /// standardised so that no channel's scale decides the graph. Parents act through their carry-over,
    /// so a channel that follows another (search after TV) is explained better in that direction. With
    /// <paramref name="confounders"/> (<see cref="ConfounderBasis"/>) both sides first lose what level, trend,
    /// season and controls explain, so a shared season or demand driver is not read as an edge.
    /// </summary>
    public static Tensor StructureScore(Tensor media, Tensor adstock, Tensor adjacency, Tensor mask, Tensor? confounders = null)
    {
        using var k = new KeptScalars();
        var m = mask.unsqueeze(-1);
        var n = mask.sum().clamp_min(k[1]);
        Tensor Standardised(Tensor v)
        {
            var centred = confounders is null
                ? (v - (v * m).sum([0, 1]) / n) * m
                : ConfounderBasis.Residual(v, confounders, mask);
            var sd = (centred.square().sum([0, 1]) / n).sqrt().clamp_min(k[1e-8]);
            return centred / sd;
        }
        var residual = Standardised(media) - matmul(Standardised(adstock), adjacency);
        return k[0.5] * residual.square().sum() / n;
    }

    /// <summary>Elementwise Huber: quadratic within delta, linear beyond (PyTorch's HuberLoss).</summary>
    public static Tensor Huber(Tensor error, double delta)
    {
        using var k = new KeptScalars();
        var abs = error.abs();
        return where(abs < k[delta], k[0.5] * error.square(), k[delta] * (abs - k[0.5 * delta]));
    }

    /// <summary>Triangular: 0.01 ΣW + 0.001 ΣP(1-P) + 0.0002 Σ|logits|. NOTEARS: 1e-4 Σ|logits|, and once
    /// active ρ/2 h² + α h + λ1 ΣW + λg Σ_j ||W[:,j]||₂.</summary>
    public static Tensor DagLoss(MmmNetwork net, NotearsState notears)
    {
        using var k = new KeptScalars();
        var o = net.Options;
        var logitsL1 = net.AdjLogits.abs().sum();
        var w = net.Adjacency();
        if (o.DagMode == DagMode.Triangular)
        {
            var p = ChannelDag.Probabilities(net.AdjLogits, o.DagTemperature);
            return k[0.01] * w.sum() + k[0.001] * (p * (k[1] - p)).sum() + k[0.0002] * logitsL1;
        }
        var loss = k[1e-4] * logitsL1;
        if (!notears.Active) return loss;
        var h = ChannelDag.Acyclicity(w);
        return loss + k[0.5 * notears.Rho] * h.square() + k[notears.Alpha] * h
                    + k[o.NotearsLambda1] * w.sum() + k[o.NotearsGroupL1] * w.square().sum(dim: 0).sqrt().sum();
    }

    /// <summary>Σ|stable media| + Σ|stable controls| + 0.1 Σ|GRU weights|.</summary>
    public static Tensor SparsityLoss(CausalMmmNetwork net)
    {
        using var k = new KeptScalars();
        return net.StableMediaCoeff.abs().sum() + net.StableCtrlCoeff.abs().sum()
            + k[0.1] * net.Gru.parameters().Select(p => p.abs().sum()).Aggregate((a, b) => a + b);
    }
}
