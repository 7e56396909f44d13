using Mmm.Science.Data;
using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Decisions;

/// <summary>
/// A plan request set up on a saved model (docs/model.md §10): the horizon's H weeks after the panel's last week, then a
/// carry-out of zero spend; the history's adstock as carry-in; the current plan (each channel's mean weekly spend over the
/// panel's last 52 weeks, <see cref="CurrentSpend"/>) as the graph's reference; each channel's bounds in spend over the horizon.
/// Spend becomes media by the current regional split and the cost per unit; channels without a spend basis are held at their
/// current media. <see cref="Outcome"/> is differentiable in the plan's spend, so the planner takes gradients through it.
/// </summary>
internal sealed class PlanProblem : IDisposable
{
    private readonly ResponseEngine engine;
    private readonly Tensor carryIn, reference, held, zeroTotal, mediaPerSpend;
    private readonly Tensor?[] referenceAdstock;
    private readonly double[] split;

    public PlanProblem(SavedModel model, PlanRequest request)
    {
        Model = model;
        if (request.HorizonWeeks is < 1 or > 520)
            throw new PlanInputException(ErrorCodes.BadPlan, $"horizonWeeks must be between 1 and 520, not {request.HorizonWeeks}", "horizonWeeks");
        foreach (var channel in request.Bounds.Keys.Concat(request.Spend?.Select(s => s.Channel) ?? []))
            if (model.ChannelIndex(channel) < 0)
                throw new PlanInputException(ErrorCodes.BadPlan,
                    $"the plan names channel '{channel}', which the model does not know (channels: {string.Join(", ", model.Channels)})", "bounds");
        Horizon = request.HorizonWeeks;
        CarryOutWeeks = CarryOut.Weeks(model);
        Length = Horizon + CarryOutWeeks;
        var current = model.Current();
        split = current.RegionSplit;
        Planned = Enumerable.Range(0, model.ChannelCount).Where(c => model.SpendPerUnit[c] is not null).ToArray();
        Held = Enumerable.Range(0, model.ChannelCount).Where(c => model.SpendPerUnit[c] is null).Select(c => model.Channels[c]).ToArray();
        if (Planned.Length == 0)
            throw new PlanInputException(ErrorCodes.PlanInfeasible, "no channel of the model has a spend basis (give costPerUnit for impressions_* columns)");
        Current = Planned.Select(c => current.WeeklySpend[c] * Horizon).ToArray();
        (Lower, Upper) = Bounds(request);

        engine = new ResponseEngine(model, model.Posterior);
        using var scope = NewDisposeScope();
        var history = engine.ScaledHistory();
        carryIn = engine.CarryIn(history, model.PeriodCount).MoveToOuterDisposeScope();
        held = HeldMedia(current, history).MoveToOuterDisposeScope();
        mediaPerSpend = MediaPerSpend().MoveToOuterDisposeScope();
        reference = Media(tensor(Current, float64), null).MoveToOuterDisposeScope();
        referenceAdstock = engine.ReferenceAdstocks(reference, carryIn, Horizon).Select(a => a?.MoveToOuterDisposeScope()).ToArray();
        using (no_grad())
            zeroTotal = Outcome(Media(zeros(Planned.Length, float64), null), zero: true).MoveToOuterDisposeScope(); // [D, C]
    }

    public SavedModel Model { get; }
    public int Horizon { get; }
    public int CarryOutWeeks { get; }
    public int Length { get; }
    /// <summary>The planned channels' indices in the model.</summary>
    public int[] Planned { get; }
    public IReadOnlyList<string> Held { get; }
    /// <summary>[P] the current plan's spend over the horizon, and the bounds.</summary>
    public double[] Current { get; }
    public double[] Lower { get; }
    public double[] Upper { get; }
    public int Draws => engine.Draws;

    /// <summary>[R, L, C] scaled media of a plan: <paramref name="spend"/> [P] over the horizon, spread by <paramref name="weekShares"/>
    /// ([P, H], each row summing to 1; null: the same every week) and by the regional split.</summary>
    public Tensor Media(Tensor spend, Tensor? weekShares)
    {
        using var k = new KeptScalars();
        int c = Model.ChannelCount;
        var shares = weekShares ?? full(Planned.Length, Horizon, k[1.0 / Horizon], dtype: float64);
        var weekly = (spend.unsqueeze(-1) * shares).t(); // [H, P]
        var planned = mediaPerSpend * weekly.unsqueeze(0); // [R, H, P]
        planned = nn.functional.pad(planned, [0, 0, 0, Length - Horizon]);
        var columns = Enumerable.Range(0, c).Select(ch => held.select(-1, ch)).ToArray();
        for (int p = 0; p < Planned.Length; p++) columns[Planned[p]] = planned.select(-1, p);
        return stack(columns, -1);
    }

    /// <summary>[D, C] each channel's incremental KPI over the horizon and carry-out against the zero plan, per draw.</summary>
    public Tensor Outcome(Tensor media) => Outcome(media, zero: false);

    /// <summary>A plan's media are zero after the horizon (held channels too), so channels the graph does not move need only the
    /// horizon's columns of their adstock kernel; the reference's adstock is computed once.</summary>
    private Tensor Outcome(Tensor media, bool zero)
    {
        var total = engine.Contributions(media, carryIn, reference, Horizon, referenceAdstock).sum([1, 2]);
        return zero ? total : total - zeroTotal;
    }

    public DateOnly Week(int week) => Model.Dates[^1].AddDays(Model.StepDays * (week + 1));

    private (double[] Lower, double[] Upper) Bounds(PlanRequest request)
    {
        var lower = new double[Planned.Length];
        var upper = new double[Planned.Length];
        for (int p = 0; p < Planned.Length; p++)
        {
            string channel = Model.Channels[Planned[p]];
            var bound = request.Bounds.TryGetValue(channel, out var b) ? b : request.Default;
            double scale = bound.Kind == BoundKind.Ratio ? Current[p] : 1;
            lower[p] = (bound.Min ?? 0) * scale;
            upper[p] = bound.Max is double max ? max * scale : double.PositiveInfinity;
            if (lower[p] < 0 || upper[p] < lower[p] || double.IsNaN(upper[p]))
                throw new PlanInputException(ErrorCodes.BadPlan, $"the bounds of '{channel}' are not 0 <= min <= max ({bound.Min}, {bound.Max})", "bounds");
        }
        return (lower, upper);
    }

    /// <summary>[R, 1, P] scaled media one unit of a planned channel's weekly spend buys in each region (its regional share over
    /// cost per unit and the media divisor); built once, since the planner evaluates <see cref="Media"/> at every step.</summary>
    private Tensor MediaPerSpend()
    {
        int r = Model.RegionCount, c = Model.ChannelCount;
        var perUnit = new double[r * Planned.Length];
        for (int ri = 0; ri < r; ri++)
            for (int p = 0; p < Planned.Length; p++)
            {
                int ch = Planned[p];
                double divisor = Model.MediaDivisor[ri * c + ch];
                perUnit[ri * Planned.Length + p] = divisor > 0 ? split[ri * c + ch] / (Model.SpendPerUnit[ch]!.Value * divisor) : 0;
            }
        return tensor(perUnit, [r, 1, Planned.Length], float64);
    }

    /// <summary>[R, L, C] held channels at their mean weekly media per region over the current window (then zero), planned ones 0.</summary>
    private Tensor HeldMedia(CurrentSpend current, double[] history)
    {
        int r = Model.RegionCount, t = Model.PeriodCount, c = Model.ChannelCount;
        var media = new double[r * Length * c];
        foreach (int ch in Enumerable.Range(0, c).Where(ch => Model.SpendPerUnit[ch] is null))
            for (int ri = 0; ri < r; ri++)
            {
                double mean = Enumerable.Range(current.FirstWeek, current.WindowWeeks).Average(ti => history[(ri * t + ti) * c + ch]);
                for (int w = 0; w < Horizon; w++) media[(ri * Length + w) * c + ch] = mean;
            }
        return tensor(media, [r, Length, c], float64);
    }

    public void Dispose()
    {
        foreach (var x in new[] { carryIn, reference, held, zeroTotal, mediaPerSpend }) x.Dispose();
        foreach (var x in referenceAdstock) x?.Dispose();
        engine.Dispose();
    }
}
