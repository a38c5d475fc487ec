using MLPrimer.Device;
using TorchSharp;

namespace MLPrimer.Tests.Device;

public class TorchNativeTests
{
    [Fact]
    public void TensorOperationRunsAfterPreload()
    {
        TorchNative.EnsureLoaded();
        // [[1,2],[3,4]] @ [[1],[1]] = [[3],[7]]; sum = 10
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = torch.ones(2, 1);
        using var product = a.matmul(b);
        Assert.Equal(new float[] { 3, 7 }, product.flatten().data<float>().ToArray());
    }

    [Fact]
    public void NativesComeFromTheTorchSharpPackagesNotFromTheSystem()
    {
        if (!OperatingSystem.IsLinux()) return;
        TorchNative.EnsureLoaded();
        using var _ = torch.zeros(1);
        Assert.NotNull(TorchNative.LoadedFrom);
        var maps = File.ReadAllLines("/proc/self/maps");
        var torchCpu = maps.Where(l => l.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('/'))..]).Distinct().ToList();
        // Exactly one libtorch_cpu in the process, and it is the package's (a system libtorch-dev lives under /usr/lib).
        Assert.Single(torchCpu);
        Assert.DoesNotContain("/usr/lib", torchCpu[0]);
        Assert.True(torchCpu[0].StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal) || torchCpu[0].Contains("/libtorch-cpu-linux-x64/"),
            $"libtorch_cpu.so was loaded from {torchCpu[0]}");
    }

    [Fact]
    public void RepairedLibraryNeedsNoNewerLibstdcxx()
    {
        if (!OperatingSystem.IsLinux()) return;
        TorchNative.EnsureLoaded();
        using var _ = torch.zeros(1);
        var loaded = File.ReadAllLines("/proc/self/maps").Any(l => l.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal));
        Assert.True(loaded, "libLibTorchSharp.so should be mapped into the test process");
    }
}
