using Microsoft.Extensions.Logging;
using Mmm.Science.Model;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>The posterior ensemble's members and the self-check's refits, each a list of [split * C] contributions in KPI units,
/// and each member's selected channel graph (row-major [source * C + target]; null without one).</summary>
public sealed record RefitResults(IReadOnlyList<double[]>? Members, IReadOnlyList<double[]>? SelfCheck, IReadOnlyList<bool[]>? MemberEdges = null);

public sealed partial class TrainingSession
{
    /// <summary>
    /// Members <paramref name="first"/>.. of the posterior ensemble (<see cref="PosteriorEnsemble"/>), fitted as one batch: each
    /// member's [split * C] contributions per split (train, holdout, all) in KPI units. Run on the warm-started model, whose
    /// structural fit the main loop holds, so the pipeline runs them as activities next to the main loop.
    /// </summary>
    public (IReadOnlyList<double[]> Totals, IReadOnlyList<bool[]>? Edges) EnsembleMembers(int first, int count) =>
        WithSplitWeights((net, weights) => PosteriorEnsemble.Members(net, Data, weights, first, count, Panel.Channels));

    /// <summary>Refits <paramref name="first"/>.. of the self-check (<see cref="SelfCheckRefits"/>), like <see cref="EnsembleMembers"/>.</summary>
    public IReadOnlyList<double[]> SelfCheckRefits(int first, int count) =>
        WithSplitWeights((net, weights) => Training.SelfCheckRefits.Run(net, Data, weights, first, count));

    private T WithSplitWeights<T>(Func<ModulatedMmmNetwork, Tensor, T> work)
    {
        if (Network is not ModulatedMmmNetwork modulated)
            throw new InvalidOperationException("the reference architecture has no structural refits");
        using var weights = SplitWeights();
        return work(modulated, weights);
    }

    /// <summary>
    /// [split: train, holdout, all][channel] contribution intervals from the ensemble's members, and the self-check's result,
    /// running here what <paramref name="refits"/> does not hold; nulls for the reference architecture and when switched off.
    /// </summary>
    private (ContributionInterval[][]? Intervals, SelfCheckResult? SelfCheck, IReadOnlyList<bool[]>? Edges) Uncertainty(RefitResults refits)
    {
        if (Network is not ModulatedMmmNetwork modulated || (Options.EnsembleMembers <= 0 && Options.SelfCheck <= 0)) return (null, null, null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var members = refits.Members;
        var edges = refits.MemberEdges;
        if (members is null && Options.EnsembleMembers > 0)
        {
            logger.LogInformation("Attribution intervals: {Members} members of the posterior ensemble, {Epochs} epochs each", Options.EnsembleMembers, Options.EnsembleEpochs);
            (members, edges) = EnsembleMembers(0, Options.EnsembleMembers);
            logger.LogInformation("Attribution intervals: {Members} members in {Seconds:F1} s", members.Count, clock.Elapsed.TotalSeconds);
        }
        var selfCheck = refits.SelfCheck;
        if (selfCheck is null && Options.SelfCheck > 0)
        {
            clock.Restart();
            logger.LogInformation("Self-check: {Refits} panels simulated from the fit, refitted", Options.SelfCheck);
            selfCheck = SelfCheckRefits(0, Options.SelfCheck);
            logger.LogInformation("Self-check: {Refits} refits in {Seconds:F1} s", selfCheck.Count, clock.Elapsed.TotalSeconds);
        }
        using var weights = SplitWeights();
        var structural = StructuralRefit.Totals(modulated, Data, weights);
        double[] point;
        using (no_grad())
        using (NewDisposeScope())
        {
            var media = Network.Forward(Data.Inputs, dropoutMask: null).MediaContributions;
            point = matmul(weights, media.reshape(weights.shape[1], -1)).to(ScalarType.Float64).cpu().data<double>().ToArray();
        }
        int channels = Panel.ChannelCount;
        var intervals = members is null ? null : EnsembleIntervals.From(point, structural, members, 3, channels);
        if (members is not null && intervals is null)
            logger.LogWarning("Attribution intervals not computed: fewer than two members gave finite contributions; the interval columns are null");
        SelfCheckResult? checkResult = null;
        if (selfCheck is { Count: > 0 })
        {
            double kpi = Enumerable.Range(0, Panel.Kpi.Length).Where(i => Panel.Present[i]).Sum(i => Panel.Kpi[i]);
            double[] All(double[] totals) => totals.AsSpan(2 * channels, channels).ToArray();
            checkResult = SelfCheckScoring.Score(Panel.Channels, kpi, All(structural), selfCheck.Select(All).ToList(), All(point), intervals?[2]);
        }
        return (intervals, checkResult, edges);
    }

    /// <summary>[3, R*Tm] per split (train, holdout, all) and model cell: the cell's KPI divisor where it is a present row of the split, else 0.</summary>
    private Tensor SplitWeights()
    {
        int regions = Panel.RegionCount, periods = Panel.PeriodCount, tm = Split.ModelPeriods, pad = Split.Padding;
        var labels = Split.Labels();
        var weights = new float[3 * regions * tm];
        for (int r = 0; r < regions; r++)
            for (int p = 0; p < periods; p++)
            {
                if (!Panel.IsPresent(r, p)) continue;
                int m = r * tm + p + pad;
                float factor = (float)Scaler.KpiDivisor[r]; // the modulated architectures' prediction scale is 1
                if (labels[p] == SplitLabels.Train) weights[m] = factor;
                if (labels[p] == SplitLabels.Holdout) weights[regions * tm + m] = factor;
                weights[2 * regions * tm + m] = factor;
            }
        return tensor(weights, [3, regions * tm]).to(Device);
    }
}
