namespace Mmm.Lab.Synthetic;

/// <summary>Keys of the independent random streams; changing one never shifts another.</summary>
internal static class SyntheticStreams
{
    public const ulong Span = 1;
    public const ulong RegionSizes = 2;
    public const ulong RegionShape = 3;
    public const ulong Media = 4;
    public const ulong Control = 5;
    public const ulong Noise = 6;
}
