using Mmm.Science.Model;
using Mmm.Science.Options;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// Early stopping with best-weights restore (the reference's never fires). Every evalEvery epochs the
/// holdout fit loss (or the training fit loss when there is no holdout) is compared with the best so
/// far; after `patience` epochs without a gain of at least minDelta training stops. Tracking starts
/// once the NOTEARS penalty is on (restarting then, as the objective changes), so warm-up cannot stop a run,
/// and in NOTEARS mode only weights with h(W) &lt;= earlyStoppingMaxH count: the fit may not win over the graph.
/// </summary>
internal sealed class EarlyStopping(MmmOptions options) : IDisposable
{
    public bool Enabled { get; } = options.EarlyStopping;
    public double Best { get; set; } = double.PositiveInfinity;
    public int BestEpoch { get; set; }
    public int SinceBest { get; set; }
    public bool PhaseActive { get; set; }
    public List<Tensor>? BestWeights { get; set; }

    public void EnterPhase(bool phaseActive)
    {
        if (phaseActive && !PhaseActive) Reset();
        PhaseActive = phaseActive;
    }

    private void Reset()
    {
        Best = double.PositiveInfinity;
        BestEpoch = 0;
        SinceBest = 0;
        DisposeWeights();
    }

    /// <returns>true when patience is exhausted.</returns>
    public bool Observe(int epoch, double score, double h, MmmNetwork net)
    {
        if (!Enabled || !PhaseActive || h > options.EarlyStoppingMaxH) return false;
        if (score < Best - options.MinDelta)
        {
            Best = score;
            BestEpoch = epoch;
            SinceBest = 0;
            DisposeWeights();
            BestWeights = net.parameters().Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
            return false;
        }
        SinceBest += Math.Max(1, options.EvalEvery);
        return SinceBest >= options.Patience;
    }

    /// <returns>true when weights were restored.</returns>
    public bool RestoreBest(MmmNetwork net)
    {
        if (!Enabled || BestWeights is null) return false;
        using var _ = no_grad();
        foreach (var (p, best) in net.parameters().Zip(BestWeights)) p.copy_(best);
        return true;
    }

    private void DisposeWeights()
    {
        if (BestWeights is null) return;
        foreach (var t in BestWeights) t.Dispose();
        BestWeights = null;
    }

    public void Dispose() => DisposeWeights();
}
