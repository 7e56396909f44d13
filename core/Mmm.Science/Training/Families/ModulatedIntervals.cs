using Microsoft.Extensions.Logging;
using Mmm.Science.Model;
using Mmm.Science.Results;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The modulated family's uncertainty (docs/model.md §8-9): [split: train, holdout, all][channel] contribution intervals from
/// the posterior ensemble's members, and the self-check's result, running here what the pipeline's activities did not.
/// </summary>
internal static class ModulatedIntervals
{
    public static Uncertainty Compute(IFamilyModel model, ModulatedMmmNetwork network, FamilyContext context, TrainingTensors data, RefitResults refits)
    {
        var (options, panel, logger) = (context.Options, context.Panel, context.Logger);
        if (options.EnsembleMembers <= 0 && options.SelfCheck <= 0) return Uncertainty.None;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var members = refits.Members;
        var edges = refits.MemberEdges;
        var draws = refits.MemberDraws;
        if (members is null && options.EnsembleMembers > 0)
        {
            logger.LogInformation("Attribution intervals: {Members} members of the posterior ensemble, {Epochs} epochs each", options.EnsembleMembers, options.EnsembleEpochs);
            (members, edges, draws) = model.EnsembleMembers(data, 0, options.EnsembleMembers);
            logger.LogInformation("Attribution intervals: {Members} members in {Seconds:F1} s", members.Count, clock.Elapsed.TotalSeconds);
        }
        var selfCheck = refits.SelfCheck;
        if (selfCheck is null && options.SelfCheck > 0)
        {
            clock.Restart();
            logger.LogInformation("Self-check: {Refits} panels simulated from the fit, refitted", options.SelfCheck);
            selfCheck = model.SelfCheckRefits(data, 0, options.SelfCheck);
            logger.LogInformation("Self-check: {Refits} refits in {Seconds:F1} s", selfCheck.Count, clock.Elapsed.TotalSeconds);
        }
        using var weights = SplitWeights.For(context);
        var structural = StructuralRefit.Totals(network, data, weights);
        double[] point;
        using (no_grad())
        using (NewDisposeScope())
        {
            var media = network.Forward(data.Inputs, dropoutMask: null).MediaContributions;
            point = matmul(weights, media.reshape(weights.shape[1], -1)).to(ScalarType.Float64).cpu().data<double>().ToArray();
        }
        int channels = panel.ChannelCount;
        var intervals = members is null ? null : EnsembleIntervals.From(point, structural, members, 3, channels);
        if (members is not null && intervals is null)
            logger.LogWarning("Attribution intervals not computed: fewer than two members gave finite contributions; the interval columns are null");
        SelfCheckResult? checkResult = null;
        if (selfCheck is { Count: > 0 })
        {
            double kpi = Enumerable.Range(0, panel.Kpi.Length).Where(i => panel.Present[i]).Sum(i => panel.Kpi[i]);
            double[] All(double[] totals) => totals.AsSpan(2 * channels, channels).ToArray();
            checkResult = SelfCheckScoring.Score(panel.Channels, kpi, All(structural), selfCheck.Select(All).ToList(), All(point), intervals?[2]);
        }
        return new Uncertainty(intervals, checkResult, edges, draws);
    }
}
