using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The panel's lift tests as a term of the objective: for each experiment e, the model's lift is its channel's
/// contribution summed over the test's rows in KPI units, and the term is the Gaussian likelihood of the measurement,
/// <c>½ Σ_e ((model lift_e − lift_e) / se_e)²</c> (nats, like the fit's ½ SSE / σ²). This is the outside information that
/// pins a channel whose data do not: the data pin its marginal effect, a test pins its total.
/// </summary>
public sealed class LiftCalibration : IDisposable
{
    /// <summary>[E, R*Tm] per test and model cell: the factor from the cell's scaled contribution to KPI units over the
    /// test's standard error on the test's cells, else 0.</summary>
    private readonly Tensor _weights;
    /// <summary>[E] each test's channel.</summary>
    private readonly Tensor _channels;
    /// <summary>[E] measured lift / se.</summary>
    private readonly Tensor _targets;

    private LiftCalibration(Tensor weights, Tensor channels, Tensor targets)
    {
        _weights = weights;
        _channels = channels;
        _targets = targets;
    }

    /// <summary>[E] each test's measured lift in units of its standard error.</summary>
    public Tensor Measured => _targets;

    /// <summary>How many tests.</summary>
    public int Count => (int)_targets.shape[0];

    /// <returns>null when the panel has no lift tests.</returns>
    public static LiftCalibration? Build(Panel panel, PanelScaler scaler, PanelSplit split, Device device)
    {
        var tests = panel.LiftTests;
        if (tests.Count == 0) return null;
        int periods = panel.PeriodCount, modelPeriods = split.ModelPeriods;
        var weights = new float[tests.Count * panel.RegionCount * modelPeriods];
        for (int e = 0; e < tests.Count; e++)
            foreach (int cell in tests[e].Cells)
            {
                int region = cell / periods, period = cell % periods;
                int model = region * modelPeriods + split.Padding + period;
                weights[e * panel.RegionCount * modelPeriods + model] = (float)(scaler.KpiDivisor[region] / tests[e].Test.StandardError);
            }
        return new LiftCalibration(
            tensor(weights, [tests.Count, panel.RegionCount * modelPeriods]).to(device),
            tensor(tests.Select(t => (long)t.Channel).ToArray()).to(device),
            tensor(tests.Select(t => (float)(t.Test.Lift / t.Test.StandardError)).ToArray()).to(device));
    }

    /// <summary>[(M,) E] each test's model lift in units of its standard error, from the contributions [(M,) R, Tm, C] (scaled KPI).</summary>
    public Tensor StandardisedLifts(Tensor mediaContributions)
    {
        var lead = mediaContributions.shape[..^3];
        var perChannel = matmul(_weights, mediaContributions.reshape([.. lead, _weights.shape[1], mediaContributions.shape[^1]])); // [(M,) E, C]
        var index = _channels.view(-1, 1).expand([.. lead, _channels.shape[0], 1]);
        return perChannel.gather(-1, index).squeeze(-1);
    }

    /// <summary>The term of the objective, <c>½ Σ z_e²</c> with z_e = (model lift − measured) / se.</summary>
    /// <param name="errors">[E] a draw of each measurement's error in units of its se, added to the measurement (an
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
