using System.IO.Compression;
using System.Security.Cryptography;

namespace MLPrimer.Tests.Setup;

/// <summary>scripts/torchsharp-repair/repair.sh on a pristine copy of TorchSharp's native library, taken from its .nupkg.</summary>
public class TorchSharpRepairTests : IDisposable
{
    private const string Entry = "runtimes/linux-x64/native/libLibTorchSharp.so";
    private readonly string _packages = Directory.CreateTempSubdirectory("mlprimer-repair-").FullName;
    private readonly string _library;

    public TorchSharpRepairTests()
    {
        var version = typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3);
        var nupkg = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "torchsharp", version, $"torchsharp.{version}.nupkg");
        _library = Path.Combine(_packages, "torchsharp", version, Entry);
        Directory.CreateDirectory(Path.GetDirectoryName(_library)!);
        using var zip = ZipFile.OpenRead(nupkg);
        zip.GetEntry(Entry)!.ExtractToFile(_library);
        Directory.CreateDirectory(Path.Combine(_packages, "torchsharp", version, "lib", "net8.0", "cpu")); // a stale consolidated copy
    }

    public void Dispose() => Directory.Delete(_packages, recursive: true);

    private ProcessRunner.Result Repair(string? libstdcxx = null) => ProcessRunner.Run("bash",
        [Path.Combine(RepoPaths.Root, "scripts", "torchsharp-repair", "repair.sh"), _packages], RepoPaths.Root, 120,
        libstdcxx == null ? null : new Dictionary<string, string> { ["MLPRIMER_LIBSTDCXX"] = libstdcxx });

    private string ReadElf(string option) => ProcessRunner.Run("readelf", [option, _library], RepoPaths.Root, 60).Stdout;

    private string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_library)));

    private static string FakeLibstdcxx(string versions)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fake-libstdcxx-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, versions);
        return path;
    }

    [Fact]
    public void PristineLibraryAsksForGlibcxx3432()
    {
        Assert.Contains("Name: GLIBCXX_3.4.32  Flags: none", ReadElf("-V"));
    }

    [Fact]
    public void OldLibstdcxxGetsTheWeakRequirementAndTheShimOnce()
    {
        var old = FakeLibstdcxx("GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0");
        try
        {
            var first = Repair(old);
            Assert.True(first.ExitCode == 0, first.All);
            Assert.Contains("repaired", first.Stdout);
            Assert.Contains("Name: GLIBCXX_3.4.32  Flags: WEAK", ReadElf("-V"));
            Assert.Contains("[libmlprimer_glibcxx_shim.so]", ReadElf("-d"));
            Assert.Contains("$ORIGIN", ReadElf("-d")); // the RUNPATH that finds the shim beside the library is kept
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(_library)!, "libmlprimer_glibcxx_shim.so")));
            Assert.False(Directory.Exists(Path.Combine(_packages, "torchsharp", "0.107.0", "lib", "net8.0", "cpu")));

            // The shim defines the anchor symbol under the version the library asks for.
            var symbols = ProcessRunner.Run("readelf", ["--dyn-syms", "-W", Path.Combine(Path.GetDirectoryName(_library)!, "libmlprimer_glibcxx_shim.so")], RepoPaths.Root, 60).Stdout;
            Assert.Contains("_ZSt21ios_base_library_initv@@GLIBCXX_3.4.32", symbols);

            var hash = Hash();
            var second = Repair(old);
            Assert.True(second.ExitCode == 0, second.All);
            Assert.Contains("already repaired", second.Stdout);
            Assert.Equal(hash, Hash());
        }
        finally { File.Delete(old); }
    }

    [Fact]
    public void NewEnoughLibstdcxxLeavesTheLibraryUntouched()
    {
        var modern = FakeLibstdcxx("GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0GLIBCXX_3.4.33\0");
        try
        {
            var hash = Hash();
            var result = Repair(modern);
            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains("no repair needed", result.Stdout);
            Assert.Equal(hash, Hash());
            Assert.DoesNotContain("shim", ReadElf("-d"));
        }
        finally { File.Delete(modern); }
    }
}
