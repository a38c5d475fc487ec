using System.Globalization;
using System.Text.Json;
using MLPrimer.Distributed;

namespace MLPrimer.Benchmarks;

/// <summary>Data-parallel training over MPI (tools/DistributedWorker under mpiexec.mpich): time per step split into compute,
/// waiting and all-reduce for N = 1, 2, 4 ranks and two model sizes, against the alpha-beta model fitted to an all-reduce sweep.</summary>
public sealed class DistributedBenchmark : IBenchmark
{
    private static readonly int[] Ranks = [1, 2, 4];
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public string Name => "distributed";

    /// <inheritdoc />
    public string Description => "MPI data-parallel step: compute / wait / all-reduce for N = 1, 2, 4 and two MLPs, with the alpha-beta fit";

    /// <inheritdoc />
    public void Run(TextWriter output)
    {
        var dir = Directory.CreateTempSubdirectory("mlprimer-bench-mpi-").FullName;
        try
        {
            var fits = new Dictionary<int, AlphaBetaModel>();
            foreach (var n in Ranks.Where(n => n > 1))
            {
                var outDir = Path.Combine(dir, $"sweep-{n}");
                MpiLauncher.Run(n, ["sweep", "--out", outDir, "--reps", "30"], Limit).EnsureSuccess();
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "sweep.json")));
                var bytes = json.RootElement.GetProperty("bytes").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var ms = json.RootElement.GetProperty("minMs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                fits[n] = AlphaBetaModel.Fit(bytes, ms);
                output.WriteLine($"N = {n}: all-reduce sweep (fastest of 30, 4 B to 4 MiB) fits α = {F(fits[n].AlphaMs * 1000, 1)} µs, 1/β = {F(fits[n].BandwidthGBps, 2)} GB/s; "
                    + "measured ms: " + string.Join(", ", bytes.Zip(ms, (b, t) => $"{b:N0} B {F(t, 3)}")));
            }
            output.WriteLine();
            var table = new List<string[]> { new[] { "model", "parameters", "N", "compute ms", "wait ms", "all-reduce ms", "α-β model ms", "measured / model", "communication share" } };
            foreach (var (name, extra) in new[] { ("small", new[] { "--hidden", "32", "--depth", "1", "--lr", "0.5" }), ("large", new[] { "--hidden", "512", "--depth", "2", "--lr", "0.1" }) })
                foreach (var n in Ranks)
                {
                    var outDir = Path.Combine(dir, $"{name}-{n}");
                    MpiLauncher.Run(n, new[] { "train", "--out", outDir, "--steps", "40" }.Concat(extra), Limit).EnsureSuccess();
                    var r = DataParallelReport.Load(Path.Combine(outDir, "report.json"));
                    double c = r.MedianComputeMs(), w = r.MedianWaitMs(), a = r.MedianCommunicationMs();
                    var model = n > 1 ? fits[n].PredictMs(4.0 * r.Parameters) : double.NaN;
                    table.Add(new[] { name, r.Parameters.ToString("N0", CultureInfo.InvariantCulture), $"{n}", F(c, 2), F(w, 2), F(a, 3),
                        n > 1 ? F(model, 3) : "-", n > 1 ? F(a / model, 1) : "-", ((w + a) / (c + w + a)).ToString("P0", CultureInfo.InvariantCulture) });
                }
            var widths = Enumerable.Range(0, table[0].Length).Select(c => table.Max(r => r[c].Length)).ToArray();
            for (var r = 0; r < table.Count; r++)
            {
                output.WriteLine("| " + string.Join(" | ", table[r].Select((cell, c) => cell.PadLeft(widths[c]))) + " |");
                if (r == 0) output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 1) + ":")) + "|");
            }
            output.WriteLine();
            output.WriteLine("Peer not run: PyTorch's torch.distributed (Gloo or NCCL) is not installed here; the figure each step is compared with " +
                             "is the alpha-beta model fitted to this run's sweep (the gradient's bytes in one flat all-reduce).");
            output.WriteLine("Medians over steps 3-40 of rank 0; ranks sleep while waiting (Mpi.SleepWhileWaiting); libtorch on one thread per rank; " +
                             $"{Environment.ProcessorCount} logical CPUs, so N = 4 shares cores when there are fewer than 4.");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string F(double value, int digits) => value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
