using Mmm.Science.Training;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Training;

public class CheckpointTests
{
    private static float[][] Weights(TrainingSession s) =>
        s.Network.parameters().Select(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void Two_blocks_through_a_checkpoint_equal_one_run_of_the_same_epochs()
    {
        var panel = SmallPanels.Generate().Panel;
        var options = SmallPanels.Fast() with { NotearsWarmupEpochs = 0, Patience = 1000 };
        var duals = new NotearsState(true, 2.0, 0.5);

        using var straight = TrainingSession.Start(panel, options);
        straight.WarmStart();
        straight.TrainBlock(new TrainingBlock(1, 20, duals));

        using var first = TrainingSession.Start(panel, options);
        first.WarmStart();
        first.TrainBlock(new TrainingBlock(1, 10, duals));
        using var checkpoint = new MemoryStream();
        first.Save(checkpoint);
        checkpoint.Position = 0;
        using var resumed = TrainingSession.Resume(panel, checkpoint);
        resumed.TrainBlock(new TrainingBlock(2, 10, duals));

        Assert.Equal(20, resumed.Epoch);
        var expected = Weights(straight);
        var actual = Weights(resumed);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void Resume_refuses_a_different_panel()
    {
        var options = SmallPanels.Fast();
        using var session = TrainingSession.Start(SmallPanels.Generate().Panel, options);
        using var checkpoint = new MemoryStream();
        session.Save(checkpoint);
        checkpoint.Position = 0;
        var other = SmallPanels.Generate(regions: 3).Panel;
        var error = Assert.Throws<InvalidDataException>(() => TrainingSession.Resume(other, checkpoint));
        Assert.Contains("panel", error.Message);
    }
}
