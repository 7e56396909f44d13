namespace Mmm.Lab.Synthetic;

/// <summary>The periods [Start, End) in which a region has data.</summary>
public readonly record struct RegionSpan(int Start, int End)
{
    public int Length => End - Start;
    public bool Contains(int period) => period >= Start && period < End;

    /// <summary>
    /// Full spans, except the last <c>raggedCount</c> regions, which start late, end early, or both
    /// (cycling through the three), each cut by 8-26 weeks (at most a quarter of the calendar).
    /// </summary>
    public static RegionSpan[] For(int regions, int periods, int raggedCount, ulong seed)
    {
        var spans = new RegionSpan[regions];
        for (int r = 0; r < regions; r++)
        {
            int raggedIndex = r - (regions - raggedCount);
            if (raggedIndex < 0)
            {
                spans[r] = new RegionSpan(0, periods);
                continue;
            }
            var rng = DeterministicRandom.For(seed, SyntheticStreams.Span, (ulong)r);
            int maxCut = Math.Max(1, periods / 4);
            int lateStart = raggedIndex % 3 != 1 ? Math.Min(rng.NextInt(8, 26), maxCut) : 0;
            int earlyEnd = raggedIndex % 3 != 0 ? Math.Min(rng.NextInt(8, 26), maxCut) : 0;
            spans[r] = new RegionSpan(lateStart, periods - earlyEnd);
        }
        return spans;
    }
}
