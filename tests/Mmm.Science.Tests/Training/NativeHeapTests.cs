using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

public class NativeHeapTests
{
    [Fact]
    public void On_Linux_with_glibc_the_allocator_settings_are_taken()
    {
        // The build machine and the container images are Debian (glibc): a silent miss here cost the ensemble 1.8x (docs/benchmarks.md).
        if (!OperatingSystem.IsLinux() || !File.Exists("/lib/x86_64-linux-gnu/libc.so.6")) return;
        Assert.True(NativeHeap.KeepFreedMemory());
        Assert.True(NativeHeap.KeepFreedMemory()); // idempotent
    }
}
