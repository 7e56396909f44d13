using Mmm.Science.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Mmm.Science.Tests;

public class KeptScalarsTests
{
    [Fact]
    public void Integers_stay_integers_and_doubles_stay_doubles()
    {
        using var k = new KeptScalars();
        // LibTorch keeps every integer scalar as int64.
        Assert.Equal(ScalarType.Int64, k[2].Type);
        Assert.Equal(ScalarType.Int64, k[2L].Type);
        Assert.Equal(ScalarType.Float64, k[0.5].Type);
        // The adstock kernels build integer lags this way and rely on them staying integer.
        using var lag = arange(k[5L]).clamp_min(k[1]);
        Assert.Equal(ScalarType.Int64, lag.dtype);
        Assert.Equal(new long[] { 1, 1, 2, 3, 4 }, lag.data<long>().ToArray());
    }

    [Fact]
    public void Scalars_stay_valid_through_a_collection_and_are_freed_with_the_holder()
    {
        Scalar half;
        using (var k = new KeptScalars())
        {
            half = k[0.5];
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var x = ones(4) * half;
            Assert.Equal(2.0f, x.sum().item<float>());
        }
        Assert.Throws<InvalidOperationException>(() => half.Type);
    }
}
