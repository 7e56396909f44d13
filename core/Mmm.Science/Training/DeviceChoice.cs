using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>cpu | cuda | auto (CUDA when TorchSharp sees a GPU, else CPU).</summary>
public static class DeviceChoice
{
    public static Device Resolve(string choice) => choice switch
    {
        "cpu" => CPU,
        "cuda" => cuda.is_available() ? CUDA : throw new InvalidOperationException("Device 'cuda' was requested but TorchSharp sees no CUDA device (CPU-only build or no GPU)."),
        "auto" => cuda.is_available() ? CUDA : CPU,
        _ => throw new ArgumentException($"Unknown device '{choice}': use cpu, cuda or auto."),
    };

    public static string Describe(Device device) => device.type == TorchSharp.DeviceType.CUDA ? $"cuda:{device.index}" : "cpu";
}
