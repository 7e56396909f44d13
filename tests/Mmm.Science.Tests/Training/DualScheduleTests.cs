using Mmm.Science.Options;
using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

public class DualScheduleTests
{
    private static readonly MmmOptions Notears = new() { Epochs = 1500, NotearsWarmupEpochs = 500, NotearsDualUpdateEvery = 100 };

    /// <summary>Runs the schedule against a scripted h sequence; returns the blocks and states.</summary>
    private static List<(TrainingBlock Block, ScheduleState After)> Drive(MmmOptions o, Func<int, double> hOf)
    {
        var steps = new List<(TrainingBlock, ScheduleState)>();
        var state = DualSchedule.Start(o);
        while (DualSchedule.NextBlock(state, o) is { } block)
        {
            state = DualSchedule.Advance(state, o, block, hOf(block.OuterIteration), stoppedEarly: false);
            steps.Add((block, state));
        }
        return steps;
    }

    [Fact]
    public void Reference_schedule_warms_up_then_updates_duals_after_every_block()
    {
        var steps = Drive(Notears, i => 1.0 / i);
        Assert.Equal(15, steps.Count);
        Assert.Equal(DualSchedule.MaxOuterIterations(Notears), steps.Count);
        Assert.All(steps.Take(5), s => Assert.False(s.Block.Duals.Active));
        Assert.All(steps.Skip(5), s => Assert.True(s.Block.Duals.Active));
        Assert.All(steps, s => Assert.Equal(100, s.Block.Epochs));
        Assert.Equal(1500, steps[^1].After.EpochsDone);
        Assert.True(steps[^1].After.Done);
        // h = 1/i shrinks by less than 4x per block, so rho triples at every update after the first.
        Assert.Equal(Math.Pow(3, 9), steps[^1].After.Duals.Rho, 6);
    }

    [Fact]
    public void Reference_update_does_not_grow_rho_when_h_falls_enough()
    {
        var s = new NotearsState(true, 2, 0, 1.0);
        var next = DualSchedule.ReferenceUpdate(s, 0.2, 3, 0.25, 1e16);
        Assert.Equal(2, next.Rho);
        Assert.Equal(0.4, next.Alpha, 12);
        Assert.Equal(0.2, next.HPrevious);
    }

    [Fact]
    public void Standard_schedule_raises_rho_tenfold_without_moving_alpha_until_h_drops()
    {
        var s = new NotearsState(true, 1, 0.5, 1.0);
        var retry = DualSchedule.StandardUpdate(s, 0.9, 10, 0.25, 1e16);
        Assert.Equal(10, retry.Rho);
        Assert.Equal(0.5, retry.Alpha);
        Assert.Equal(1.0, retry.HPrevious);
        var accepted = DualSchedule.StandardUpdate(retry, 0.1, 10, 0.25, 1e16);
        Assert.Equal(10, accepted.Rho);
        Assert.Equal(0.5 + 10 * 0.1, accepted.Alpha, 12);
        Assert.Equal(0.1, accepted.HPrevious);
    }

    [Fact]
    public void Standard_schedule_stops_when_h_reaches_tolerance()
    {
        var o = Notears with { DualSchedule = DualScheduleKind.Standard, NotearsHTol = 1e-6 };
        var steps = Drive(o, i => i < 8 ? Math.Pow(10, -i) : 1e-9);
        Assert.Equal("h <= hTol", steps[^1].After.StopReason);
        Assert.True(steps[^1].After.EpochsDone < o.Epochs);
        Assert.Equal(10.0, DualSchedule.Factor(o));
    }

    [Fact]
    public void Triangular_mode_runs_plain_blocks_without_duals()
    {
        var o = Notears with { DagMode = DagMode.Triangular, Epochs = 250 };
        var steps = Drive(o, _ => 0);
        Assert.Equal(new[] { 100, 100, 50 }, steps.Select(s => s.Block.Epochs));
        Assert.All(steps, s => Assert.Equal(o.NotearsRhoInit, s.After.Duals.Rho));
    }

    [Fact]
    public void Early_stop_ends_the_schedule()
    {
        var state = DualSchedule.Start(Notears);
        var block = DualSchedule.NextBlock(state, Notears)!;
        var next = DualSchedule.Advance(state, Notears, block, 0.1, stoppedEarly: true);
        Assert.True(next.Done);
        Assert.Null(DualSchedule.NextBlock(next, Notears));
    }
}
