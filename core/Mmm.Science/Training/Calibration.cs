using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// Outside information on channels' summed contributions as a term of the objective (docs/model.md §5): the run config's
/// lift tests (<see cref="ForLiftTests"/>: an experiment's measured incremental KPI over some rows, with its se) or its
/// ROI priors (<see cref="ForRoiPriors"/>: a ROAS or share of the KPI over a window, with an sd). Each item e compares
/// the model's value, its channel's contribution summed over the item's rows in KPI units (divided by the spend or KPI
/// there for an ROI prior), with the item's value: <c>½ Σ_e ((model_e − value_e) / sd_e)²</c>, nats like the fit's
/// ½ SSE / σ². The data pin a channel's marginal effect where its media vary; these pin its total.
/// </summary>
public sealed class Calibration : IDisposable
{
    /// <summary>[E, R*Tm] per item and model cell: the factor from the cell's scaled contribution to the item's unit over its
    /// sd on the item's cells, else 0.</summary>
    private readonly Tensor _weights;
    /// <summary>[E] each item's channel.</summary>
    private readonly Tensor _channels;
    /// <summary>[E] each item's value / sd.</summary>
    private readonly Tensor _targets;

    private Calibration(Tensor weights, Tensor channels, Tensor targets)
    {
        _weights = weights;
        _channels = channels;
        _targets = targets;
    }

    /// <summary>[E] each item's value (measured lift, prior ROAS or share) in units of its sd.</summary>
    public Tensor Measured => _targets;

    /// <summary>How many items.</summary>
    public int Count => (int)_targets.shape[0];

    /// <returns>null when the panel has no lift tests.</returns>
    public static Calibration? ForLiftTests(Panel panel, PanelScaler scaler, PanelSplit split, Device device) =>
        Build(panel, scaler, split, device, panel.LiftTests.Select(t => new Item(t.Channel, t.Cells, t.Test.StandardError, t.Test.Lift / t.Test.StandardError)).ToList());

    /// <returns>null when the panel has no ROI priors.</returns>
    public static Calibration? ForRoiPriors(Panel panel, PanelScaler scaler, PanelSplit split, Device device) =>
        Build(panel, scaler, split, device, panel.RoiPriors.Select(p =>
            new Item(p.Channel, p.Cells, p.Denominator * p.Prior.StandardDeviation, p.Prior.Value / p.Prior.StandardDeviation)).ToList());

    /// <param name="Scale">What the KPI-unit sum over the cells is divided by: the item's sd in KPI units.</param>
    private sealed record Item(int Channel, IReadOnlyList<int> Cells, double Scale, double Target);

    private static Calibration? Build(Panel panel, PanelScaler scaler, PanelSplit split, Device device, IReadOnlyList<Item> items)
    {
        if (items.Count == 0) return null;
        int periods = panel.PeriodCount, modelPeriods = split.ModelPeriods;
        var weights = new float[items.Count * panel.RegionCount * modelPeriods];
        for (int e = 0; e < items.Count; e++)
            foreach (int cell in items[e].Cells)
            {
                int region = cell / periods, period = cell % periods;
                int model = region * modelPeriods + split.Padding + period;
                weights[e * panel.RegionCount * modelPeriods + model] = (float)(scaler.KpiDivisor[region] / items[e].Scale);
            }
        return new Calibration(
            tensor(weights, [items.Count, panel.RegionCount * modelPeriods]).to(device),
            tensor(items.Select(t => (long)t.Channel).ToArray()).to(device),
            tensor(items.Select(t => (float)t.Target).ToArray()).to(device));
    }

    /// <summary>[(M,) E] each item's model value in units of its sd, from the contributions [(M,) R, Tm, C] (scaled KPI).</summary>
    public Tensor StandardisedLifts(Tensor mediaContributions)
    {
        var lead = mediaContributions.shape[..^3];
        var perChannel = matmul(_weights, mediaContributions.reshape([.. lead, _weights.shape[1], mediaContributions.shape[^1]])); // [(M,) E, C]
        var index = _channels.view(-1, 1).expand([.. lead, _channels.shape[0], 1]);
        return perChannel.gather(-1, index).squeeze(-1);
    }

    /// <summary>The term of the objective, <c>½ Σ z_e²</c> with z_e = (model value − value) / sd.</summary>
    /// <param name="errors">[E] a draw of each item's error in units of its sd, added to the measurement (an
    /// ensemble member's, <see cref="PriorShifts"/>); null: the measurements as reported.</param>
    public Tensor Term(Tensor mediaContributions, Tensor? errors = null)
    {
        using var k = new KeptScalars();
        var targets = errors is null ? _targets : _targets + errors;
        return k[0.5] * (StandardisedLifts(mediaContributions) - targets).square().sum();
    }

    public void Dispose()
    {
        _weights.Dispose();
        _channels.Dispose();
        _targets.Dispose();
    }
}
