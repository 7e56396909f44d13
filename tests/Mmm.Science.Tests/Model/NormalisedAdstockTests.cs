using Mmm.Science.Model;
using static TorchSharp.torch;

namespace Mmm.Science.Tests.Model;

/// <summary>The scan-based adstock against the recursion it computes, for one model and for a batch of ensemble members.</summary>
public class NormalisedAdstockTests
{
    /// <summary>A[t] = (1 - a) x[t] + a A[t-1], A[-1] = x[0], in float64.</summary>
    private static double[] Recursion(double[] x, double a)
    {
        var result = new double[x.Length];
        double previous = x[0];
        for (int t = 0; t < x.Length; t++) result[t] = previous = (1 - a) * x[t] + a * previous;
        return result;
    }

    private static float[] Media(int regions, int periods, int channels)
    {
        var random = new Random(3);
        return Enumerable.Range(0, regions * periods * channels).Select(_ => (float)(random.NextDouble() < 0.3 ? 0 : 2 * random.NextDouble())).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(130)]
    public void Matches_the_recursion_for_every_region_and_channel(int periods)
    {
        const int regions = 2, channels = 3;
        double[] decays = [0.0, 0.45, 0.89];
        var x = Media(regions, periods, channels);
        using var media = tensor(x, [regions, periods, channels]);
        using var decay = tensor(decays.Select(d => (float)d).ToArray());
        using var result = NormalisedAdstock.Apply(media, decay);
        var values = result.data<float>().ToArray();
        for (int r = 0; r < regions; r++)
            for (int c = 0; c < channels; c++)
            {
                var series = Enumerable.Range(0, periods).Select(t => (double)x[(r * periods + t) * channels + c]).ToArray();
                var expected = Recursion(series, decays[c]);
                for (int t = 0; t < periods; t++)
                    Assert.Equal(expected[t], values[(r * periods + t) * channels + c], 4);
            }
    }

    [Fact]
    public void A_batch_of_members_gives_each_member_its_own_decay()
    {
        const int regions = 2, periods = 20, channels = 2;
        var x = Media(regions, periods, channels);
        using var media = tensor(x, [regions, periods, channels]);
        using var batch = tensor(new float[] { 0.1f, 0.7f, 0.5f, 0.2f }, [2, channels]);
        using var result = NormalisedAdstock.Apply(media, batch);
        Assert.Equal(new long[] { 2, regions, periods, channels }, result.shape);
        for (int m = 0; m < 2; m++)
        {
            using var single = NormalisedAdstock.Apply(media, batch[m]);
            using var member = result[m];
            Assert.True(allclose(single, member, rtol: 1e-6, atol: 1e-6));
        }
    }
}
