using System.Reflection;
using System.Runtime.InteropServices;

namespace MLPrimer.Device;

/// <summary>Loads TorchSharp's CPU natives by full path so a system libtorch (e.g. Debian's libtorch-dev) cannot shadow them.</summary>
/// <remarks>
/// TorchSharp's own loader first asks for <c>torch_cpu</c> and <c>LibTorchSharp</c> by name; on a machine with a
/// system libtorch the dynamic loader may then pick <c>/usr/lib/x86_64-linux-gnu/libtorch_cpu.so</c>, and TorchSharp
/// fails with an undefined symbol. Loading the package's own files by absolute path first makes every later
/// by-name lookup resolve to the libraries already in the process.
/// </remarks>
public static class TorchNative
{
    private static readonly Lock Gate = new();
    private static string? _loadedFrom;

    // Order matters: each library's dependencies are loaded before it.
    private static readonly string[] LibTorchFiles = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private const string LibTorchSharp = "libLibTorchSharp.so";
    private const string GlibcxxShim = "libmlprimer_glibcxx_shim.so";

    /// <summary>The folder the natives were loaded from, or null when TorchSharp's own loader was left to do it.</summary>
    public static string? LoadedFrom => _loadedFrom;

    /// <summary>Preloads libtorch and LibTorchSharp from the TorchSharp-cpu packages by absolute path (Linux, CPU backend); safe to call many times.</summary>
    public static void EnsureLoaded()
    {
        if (!OperatingSystem.IsLinux() || _loadedFrom != null) return;
        lock (Gate)
        {
            if (_loadedFrom != null || WantsCuda()) return;
            var (torchDir, sharpDir) = FindNativeDirectories();
            if (torchDir == null || sharpDir == null) return; // leave it to TorchSharp, which reports its own trace
            var shim = Path.Combine(sharpDir, GlibcxxShim);
            if (File.Exists(shim)) NativeLibrary.Load(shim);
            foreach (var file in LibTorchFiles) NativeLibrary.Load(Path.Combine(torchDir, file));
            NativeLibrary.Load(Path.Combine(sharpDir, LibTorchSharp));
            _loadedFrom = sharpDir;
        }
    }

    // A CUDA backend is chosen by the notebook's package line; its natives are stitched together by TorchSharp itself.
    private static bool WantsCuda() =>
        string.Equals(Environment.GetEnvironmentVariable(TorchDevice.EnvironmentVariable), "cuda", StringComparison.OrdinalIgnoreCase)
        || AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name?.StartsWith("libtorch-cuda", StringComparison.Ordinal) == true);

    internal static (string? LibTorch, string? LibTorchSharp) FindNativeDirectories()
    {
        var torchSharp = typeof(TorchSharp.torch).Assembly;
        var version = torchSharp.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                      ?? torchSharp.GetName().Version!.ToString(3);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        const string rid = "runtimes/linux-x64/native";
        var appLocal = Path.Combine(AppContext.BaseDirectory, rid);

        // Prefer the NuGet cache: that is where the setup repairs LibTorchSharp (see scripts/torchsharp-repair).
        string? sharpDir = FirstWith(LibTorchSharp, Path.Combine(packages, "torchsharp", version, rid), appLocal);
        string? torchDir = FirstWith("libtorch_cpu.so", appLocal, LibTorchPackageDirectory(packages, rid));
        return (torchDir, sharpDir);
    }

    private static string? LibTorchPackageDirectory(string packages, string rid)
    {
        var root = Path.Combine(packages, "libtorch-cpu-linux-x64");
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root).OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, rid)).FirstOrDefault(Directory.Exists);
    }

    private static string? FirstWith(string file, params string?[] directories) =>
        directories.FirstOrDefault(d => d != null && File.Exists(Path.Combine(d, file)));
}
