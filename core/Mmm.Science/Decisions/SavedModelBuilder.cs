using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Results;
using Mmm.Science.Scaling;
using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Decisions;

/// <summary>Builds a run's <see cref="SavedModel"/> from its trained structural network (the modulated and structural architectures).</summary>
internal static class SavedModelBuilder
{
    public static SavedModel Build(Panel panel, PanelScaler scaler, PanelSplit split, ModulatedMmmNetwork network, TrainingTensors data,
        AdjacencySelectionResult adjacency, IReadOnlyList<ResponseDraw>? members)
    {
        if (scaler.MediaDivisor is null)
            throw new InvalidOperationException("share-of-voice media scaling is not invertible; decisions need per-channel media scaling");
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var point = PosteriorEnsemble.ResponseDraws(network.Values().Select(t => t.unsqueeze(0)), network.Options)[0];
        return new SavedModel
        {
            KpiName = panel.KpiName,
            Architecture = network.Options.Architecture.ToString().ToLowerInvariant(),
            Regions = panel.Regions.ToArray(),
            Channels = panel.Channels.ToArray(),
            Dates = panel.Dates.ToArray(),
            StepDays = panel.StepDays,
            TrainEnd = split.TrainEnd,
            KpiDivisor = scaler.KpiDivisor.ToArray(),
            MediaDivisor = scaler.MediaDivisor.ToArray(),
            SpendPerUnit = Enumerable.Range(0, panel.ChannelCount).Select(panel.SpendPerUnit).ToArray(),
            Media = panel.Media.ToArray(),
            Present = panel.Present.ToArray(),
            Edges = Edges(panel, network, data, adjacency),
            Point = point,
            Members = members?.ToArray() ?? [],
        };
    }

    /// <summary>
    /// The selected edges with their media coefficients: the structure score fits standardised media on standardised adstocked
    /// media (docs/model.md §6), so in scaled media units an edge moves its target by <c>W sd(X_target) / sd(A_source)</c>, the
    /// sds taken as the score takes them (residualised on the confounder basis, over the fitted cells).
    /// </summary>
    private static IReadOnlyList<GraphEdge> Edges(Panel panel, ModulatedMmmNetwork network, TrainingTensors data, AdjacencySelectionResult adjacency)
    {
        var selected = adjacency.SelectedEdges.ToList();
        if (selected.Count == 0) return [];
        var adstock = network.Forward(data.Inputs, dropoutMask: null).MediaAdstock;
        double[] mediaSd = StandardDeviations(data.Inputs.Media, data), adstockSd = StandardDeviations(adstock, data);
        int Index(string channel) => panel.Channels.ToList().IndexOf(channel);
        return selected.Select(e =>
        {
            int s = Index(e.Source), t = Index(e.Target);
            double coefficient = adstockSd[s] > 1e-12 ? e.Weight * mediaSd[t] / adstockSd[s] : 0.0;
            return new GraphEdge(e.Source, e.Target, e.Weight, coefficient);
        }).ToArray();
    }

    private static double[] StandardDeviations(Tensor values, TrainingTensors data)
    {
        using var k = new Model.KeptScalars();
        var mask = data.FitMask;
        var n = mask.sum().clamp_min(k[1e-12]);
        var centred = data.Confounders is { } basis
            ? ConfounderBasis.Residual(values, basis, mask)
            : (values - (values * mask.unsqueeze(-1)).sum([0, 1]) / n) * mask.unsqueeze(-1);
        return (centred.square().sum([0, 1]) / n).sqrt().to(ScalarType.Float64).cpu().data<double>().ToArray();
    }
}
