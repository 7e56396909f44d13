using Mmm.Science.Data;

namespace Mmm.Science.Synthetic;

/// <summary>A generated panel together with the truth that produced it.</summary>
public sealed class SyntheticPanel
{
    public required Panel Panel { get; init; }
    public required SyntheticTruth Truth { get; init; }
}
