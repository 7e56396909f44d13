using Mmm.Science.Options;

namespace Mmm.Science.Training;

/// <summary>One unit of durable work: train <see cref="Epochs"/> epochs at fixed duals.</summary>
public sealed record TrainingBlock(int OuterIteration, int Epochs, NotearsState Duals);

/// <summary>Where the outer loop stands; small and serialisable, held by the orchestrator.</summary>
public sealed record ScheduleState(int OuterIteration, int EpochsDone, NotearsState Duals, bool Done, string? StopReason);

/// <summary>
/// The NOTEARS augmented-Lagrangian outer loop as pure functions, so an orchestrator can run it between
/// durable activities (each activity trains one <see cref="TrainingBlock"/>). Warm-up (penalty off)
/// and triangular mode use the same blocks with no dual update.
/// </summary>
public static class DualSchedule
{
    public static int BlockEpochs(MmmOptions o) => Math.Max(1, o.NotearsDualUpdateEvery);

    public static double Factor(MmmOptions o) => o.NotearsDualFactor ?? (o.DualSchedule == DualScheduleKind.Standard ? 10.0 : 3.0);

    public static bool UsesDuals(MmmOptions o) => o.DagMode == DagMode.Notears;

    /// <summary>Upper bound on the number of outer iterations (for progress reporting).</summary>
    public static int MaxOuterIterations(MmmOptions o)
    {
        int block = BlockEpochs(o), warmup = UsesDuals(o) ? Math.Min(o.NotearsWarmupEpochs, o.Epochs) : 0;
        return (warmup + block - 1) / block + (o.Epochs - warmup + block - 1) / block;
    }

    public static ScheduleState Start(MmmOptions o)
    {
        var duals = NotearsState.Initial(o.NotearsRhoInit, o.NotearsAlphaInit);
        if (UsesDuals(o) && o.NotearsWarmupEpochs <= 0) duals = duals with { Active = true };
        return new ScheduleState(0, 0, duals, o.Epochs <= 0, o.Epochs <= 0 ? "no epochs" : null);
    }

    public static TrainingBlock? NextBlock(ScheduleState s, MmmOptions o)
    {
        if (s.Done) return null;
        int block = BlockEpochs(o);
        int limit = UsesDuals(o) && !s.Duals.Active ? Math.Min(o.NotearsWarmupEpochs, o.Epochs) : o.Epochs;
        int epochs = Math.Min(block, limit - s.EpochsDone);
        return epochs <= 0 ? null : new TrainingBlock(s.OuterIteration + 1, epochs, s.Duals);
    }

    /// <summary>The state after a block: counters advance; after an active NOTEARS block the duals update.</summary>
    public static ScheduleState Advance(ScheduleState s, MmmOptions o, TrainingBlock block, double h, bool stoppedEarly)
    {
        var next = s with { OuterIteration = block.OuterIteration, EpochsDone = s.EpochsDone + block.Epochs };
        var duals = s.Duals;
        if (UsesDuals(o))
        {
            if (duals.Active)
            {
                if (o.DualSchedule == DualScheduleKind.Standard)
                {
                    duals = StandardUpdate(duals, h, Factor(o), o.NotearsProgress, o.NotearsRhoMax);
                    if (h <= o.NotearsHTol) return next with { Duals = duals, Done = true, StopReason = "h <= hTol" };
                    if (duals.Rho >= o.NotearsRhoMax) return next with { Duals = duals, Done = true, StopReason = "rho >= rhoMax" };
                }
                else
                    duals = ReferenceUpdate(duals, h, Factor(o), o.NotearsProgress, o.NotearsRhoMax);
            }
            else if (next.EpochsDone >= o.NotearsWarmupEpochs)
                duals = duals with { Active = true };
        }
        next = next with { Duals = duals };
        if (stoppedEarly) return next with { Done = true, StopReason = "early stopping" };
        if (next.EpochsDone >= o.Epochs) return next with { Done = true, StopReason = "epoch budget" };
        return next;
    }

    /// <summary>The reference: if h &gt; progress*hPrev then rho = min(rho*factor, rhoMax); alpha += rho*h; hPrev = h.</summary>
    public static NotearsState ReferenceUpdate(NotearsState s, double h, double factor, double progress, double rhoMax)
    {
        var rho = h > progress * s.HPreviousOrInfinity ? Math.Min(s.Rho * factor, rhoMax) : s.Rho;
        return s with { Rho = rho, Alpha = s.Alpha + rho * h, HPrevious = h };
    }

    /// <summary>
    /// Standard NOTEARS (Zheng et al. 2018): if the inner solve did not shrink h below progress*hPrev, raise
    /// rho and solve again (alpha unchanged); otherwise accept: alpha += rho*h, hPrev = h.
    /// </summary>
    public static NotearsState StandardUpdate(NotearsState s, double h, double factor, double progress, double rhoMax)
    {
        if (h > progress * s.HPreviousOrInfinity && s.Rho < rhoMax)
            return s with { Rho = Math.Min(s.Rho * factor, rhoMax) };
        return s with { Alpha = s.Alpha + s.Rho * h, HPrevious = h };
    }
}
