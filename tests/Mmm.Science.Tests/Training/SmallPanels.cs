using Mmm.Science.Options;
using Mmm.Lab.Synthetic;

namespace Mmm.Science.Tests.Training;

/// <summary>Small synthetic panels and fast options for training tests.</summary>
public static class SmallPanels
{
    public static SyntheticPanel Generate(int regions = 4, int weeks = 104, ulong seed = 7, int raggedRegions = 0) =>
        SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = regions, Weeks = weeks, Seed = seed, RaggedRegions = raggedRegions });

    public static MmmOptions Fast(int epochs = 40) => new()
    {
        Hidden = 16,
        Epochs = epochs,
        WarmStartEpochs = 5,
        NotearsWarmupEpochs = 20,
        NotearsDualUpdateEvery = 10,
        LogEvery = 5,
        EvalEvery = 5,
        Device = "cpu",
        Seed = 3,
    };
}
