using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

/// <summary>
/// The circular block bootstrap of the residuals, per region: every drawn value is one of the region's own fitted residuals,
/// each block of <see cref="ResidualBootstrap.BlockWeeks"/> fitted weeks is a run of consecutive fitted weeks of the source
/// (wrapping round), cells outside the fitted mask get 0, and the wild variant flips whole blocks.
/// </summary>
public class ResidualBootstrapTests
{
    private const int Regions = 3, Periods = 20;

    /// <summary>Region 0 fitted on weeks 2..16 (15 weeks), region 1 on all but weeks 5 and 11 (18), region 2 nowhere.</summary>
    private static readonly float[] Fitted = Enumerable.Range(0, Regions * Periods).Select(i =>
    {
        int r = i / Periods, t = i % Periods;
        return r switch { 0 => t is >= 2 and < 17 ? 1f : 0f, 1 => t is 5 or 11 ? 0f : 1f, _ => 0f };
    }).ToArray();

    /// <summary>Positive and distinct: 1000 (r + 1) + t names the cell; -1 outside the fitted cells, which must never be drawn.</summary>
    private static readonly float[] Residuals = Enumerable.Range(0, Regions * Periods)
        .Select(i => Fitted[i] > 0 ? 1000f * (i / Periods + 1) + i % Periods : -1f).ToArray();

    private static int[] Cells(int region) => Enumerable.Range(0, Periods).Select(t => region * Periods + t).Where(i => Fitted[i] > 0).ToArray();

    private static float[] Draw(int seed, bool signs) => ResidualBootstrap.Draw(Residuals, Fitted, Regions, Periods, new Random(seed), signs);

    [Fact]
    public void Cells_outside_the_fitted_mask_get_zero()
    {
        foreach (bool signs in new[] { false, true })
            for (int seed = 0; seed < 5; seed++)
            {
                var noise = Draw(seed, signs);
                Assert.Equal(Residuals.Length, noise.Length);
                for (int i = 0; i < noise.Length; i++)
                    if (Fitted[i] == 0) Assert.Equal(0f, noise[i]);
            }
    }

    [Fact]
    public void Without_signs_every_value_is_one_of_the_same_regions_fitted_residuals()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            var noise = Draw(seed, signs: false);
            for (int r = 0; r < 2; r++)
            {
                var own = Cells(r).Select(i => Residuals[i]).ToHashSet();
                foreach (int i in Cells(r)) Assert.Contains(noise[i], own);
            }
        }
    }

    [Fact]
    public void Each_block_is_a_run_of_consecutive_fitted_weeks_of_the_source_wrapping_round()
    {
        bool wrapped = false;
        for (int seed = 0; seed < 10; seed++)
        {
            var noise = Draw(seed, signs: false);
            for (int r = 0; r < 2; r++)
            {
                var cells = Cells(r);
                var position = cells.Select((cell, k) => (Residuals[cell], k)).ToDictionary(x => x.Item1, x => x.k);
                for (int start = 0; start < cells.Length; start += ResidualBootstrap.BlockWeeks)
                {
                    int source = position[noise[cells[start]]];
                    int length = Math.Min(ResidualBootstrap.BlockWeeks, cells.Length - start);
                    for (int j = 0; j < length; j++)
                        Assert.Equal(Residuals[cells[(source + j) % cells.Length]], noise[cells[start + j]]);
                    wrapped |= source + length > cells.Length;
                }
            }
        }
        Assert.True(wrapped, "no block wrapped round the end of a region in 10 draws");
    }

    [Fact]
    public void With_signs_each_block_is_plus_or_minus_its_source_block_and_both_signs_occur()
    {
        int plus = 0, minus = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            var noise = Draw(seed, signs: true);
            for (int r = 0; r < 2; r++)
            {
                var cells = Cells(r);
                var position = cells.Select((cell, k) => (Residuals[cell], k)).ToDictionary(x => x.Item1, x => x.k);
                for (int start = 0; start < cells.Length; start += ResidualBootstrap.BlockWeeks)
                {
                    float first = noise[cells[start]];
                    float sign = Math.Sign(first);
                    int source = position[Math.Abs(first)];
                    for (int j = 0; j < Math.Min(ResidualBootstrap.BlockWeeks, cells.Length - start); j++)
                        Assert.Equal(sign * Residuals[cells[(source + j) % cells.Length]], noise[cells[start + j]]);
                    if (sign > 0) plus++;
                    else minus++;
                }
            }
        }
        Assert.True(plus > 0 && minus > 0, $"{plus} positive and {minus} negative blocks");
    }

    [Fact]
    public void The_same_seed_gives_the_same_draw_and_another_seed_another()
    {
        foreach (bool signs in new[] { false, true })
        {
            Assert.Equal(Draw(7, signs), Draw(7, signs));
            Assert.NotEqual(Draw(7, signs), Draw(8, signs));
        }
    }

    [Fact]
    public void A_region_without_fitted_weeks_gets_no_noise_and_takes_no_draws()
    {
        // An empty region put first leaves the draws of the regions after it as they were without it.
        int n = 2 * Periods;
        var two = ResidualBootstrap.Draw(Residuals[..n], Fitted[..n], 2, Periods, new Random(3), signs: true);
        var withEmpty = ResidualBootstrap.Draw([.. new float[Periods], .. Residuals[..n]], [.. new float[Periods], .. Fitted[..n]], 3, Periods,
            new Random(3), signs: true);
        Assert.All(withEmpty[..Periods], v => Assert.Equal(0f, v));
        Assert.Equal(two, withEmpty[Periods..]);
    }
}
