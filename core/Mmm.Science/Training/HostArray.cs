using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>A tensor's values copied to a host array, row-major.</summary>
internal static class HostArray
{
    // An empty tensor (a panel without controls) cannot be copied by TorchSharp's data accessor.
    public static float[] Of(Tensor t) => t.numel() == 0 ? [] : t.detach().cpu().contiguous().data<float>().ToArray();
}
