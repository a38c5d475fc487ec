using System.Diagnostics;
using System.Text.Json;
using MLPrimer.Distributed;
using MLPrimer.Embeddings;
using MLPrimer.Tracking;
using TorchSharp;

namespace MLPrimer.Tests.IO;

/// <summary>
/// The library's files survive kill -9 at any moment: tests/AtomicWriter writes a checkpoint, word vectors and a JSON
/// report in a loop, alternating two versions; it is killed (SIGKILL) at seeded random moments, and after each kill every
/// file loads as one whole version, never a torn mixture.
/// </summary>
public sealed class KillNineTests : IDisposable
{
    private const int Kills = 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-kill9-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string WriterDll()
    {
        // Built by this project's reference in the same configuration as the tests (bin/<configuration>/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "tests", "AtomicWriter", "bin", configuration, "net10.0", "AtomicWriter.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/MLPrimer.Tests (it builds tests/AtomicWriter).");
        return dll;
    }

    private Process StartWriter(params string[] extra)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", WriterDll(), _dir }.Concat(extra)) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>Loads the three files and returns the version each holds (1 or 2); throws when one is torn or mixed.</summary>
    private int[] LoadVersions()
    {
        using var model = torch.nn.Linear(256, 256);
        var info = Checkpoint.Load(Path.Combine(_dir, "checkpoint.zip"), model);
        var weights = model.parameters().SelectMany(p => p.data<float>().ToArray()).Distinct().ToArray();
        Assert.Equal([(float)info.Epoch], weights);

        var vectors = KeyedVectors.LoadWord2VecFormat(Path.Combine(_dir, "vectors.txt"));
        Assert.Equal(2000, vectors.Count);
        var values = Enumerable.Range(0, vectors.Count).SelectMany(i => vectors.Row(i).ToArray()).Distinct().ToArray();
        Assert.Single(values);

        var report = DataParallelReport.Load(Path.Combine(_dir, "report.json"));
        Assert.Equal(20_000, report.Weights.Length);
        Assert.All(report.Weights, w => Assert.Equal(report.Processes, w));

        return [info.Epoch, (int)values[0], report.Processes];
    }

    [Fact]
    public void EveryFileIsTheOldOrTheNewVersionAfterEachKill()
    {
        torch.set_num_threads(1);
        using (var first = StartWriter("2"))             // both versions once, to the end: the files exist
        {
            Assert.True(first.WaitForExit(120_000), "the writer did not finish two rounds in 120 s");
            Assert.True(first.ExitCode == 0, first.StandardError.ReadToEnd());
        }
        Assert.Equal([2, 2, 2], LoadVersions());

        var rng = new Random(14);
        var seen = new HashSet<int>();
        var tornWrites = 0;                               // kills that left a temporary file: the kill landed mid-write
        for (var kill = 0; kill < Kills; kill++)
        {
            using var writer = StartWriter();
            // After 1 to 6 saves (the loop is warm and anywhere in its cycle of three files), plus up to 20 ms.
            var saves = rng.Next(1, 7);
            for (var i = 0; i < saves; i++) Assert.StartsWith("saved ", writer.StandardOutput.ReadLine());
            Thread.Sleep(rng.Next(0, 21));
            writer.Kill();                                // SIGKILL: no finally blocks, no flush
            writer.WaitForExit();
            foreach (var v in LoadVersions()) { Assert.InRange(v, 1, 2); seen.Add(v); }
            if (Directory.EnumerateFiles(_dir, "*.tmp").Any()) tornWrites++;
        }
        Assert.Equal([1, 2], seen.Order());
        Assert.True(tornWrites > 0, $"none of the {Kills} kills landed inside a write; the test did not test anything");

        // The next writer removes what the killed ones left behind (temporary names carry the writer's process id).
        using (var last = StartWriter("1"))
        {
            Assert.True(last.WaitForExit(120_000));
            Assert.Equal(0, last.ExitCode);
        }
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp"));
        Assert.Equal([1, 1, 1], LoadVersions());
    }
}
