using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MLPrimer.Experiments;

namespace MLPrimer.Benchmarks;

/// <summary>Gaussian-process fit + predict (mean and std) with a fixed Matérn 5/2 kernel, against scikit-learn on the same data.</summary>
public sealed class GaussianProcessBenchmark : IBenchmark
{
    private static readonly int[] TrainSizes = [200, 1000, 2000];
    private const int Dim = 5, Queries = 2000, Repeats = 3;

    /// <inheritdoc />
    public string Name => "gp";

    /// <inheritdoc />
    public string Description => "GaussianProcessRegressor fit + predict with std, 5-D, 2,000 queries, n = 200/1,000/2,000 (vs sklearn)";

    /// <inheritdoc />
    public void Run(TextWriter output)
    {
        bool peer = PythonPeer.Has("sklearn", "numpy");
        var table = new List<string[]> { new[] { "n train", ".NET best of 3 (s)", "sklearn best of 3 (s)", ".NET / sklearn", "same result" } };
        string versions = "";
        var (wx, wy) = MakeData(50, Dim, 1);
        Time(wx, wy, MakeData(50, Dim, 2).X);   // JIT warm-up
        foreach (int n in TrainSizes)
        {
            var (x, y) = MakeData(n, Dim, 10 + n);
            var xq = MakeData(Queries, Dim, 20 + n).X;
            var (seconds, meanSum, stdSum) = Time(x, y, xq);
            string peerSeconds = "-", ratio = "-", same = "-";
            if (peer)
            {
                var t = RunPeer(x, y, xq);
                versions = $"scikit-learn {t.GetProperty("sklearn").GetString()}, numpy {t.GetProperty("numpy").GetString()}";
                double s = t.GetProperty("seconds").GetDouble();
                peerSeconds = s.ToString("F3", CultureInfo.InvariantCulture);
                ratio = (seconds / s).ToString("F2", CultureInfo.InvariantCulture);
                double dm = Math.Abs(t.GetProperty("mean_sum").GetDouble() - meanSum), ds = Math.Abs(t.GetProperty("std_sum").GetDouble() - stdSum);
                same = dm < 1e-4 * Queries && ds < 1e-4 * Queries ? "yes" : $"NO (sum diffs {dm:G3}, {ds:G3})";
            }
            table.Add(new[] { n.ToString("N0", CultureInfo.InvariantCulture), seconds.ToString("F3", CultureInfo.InvariantCulture), peerSeconds, ratio, same });
        }
        var widths = Enumerable.Range(0, table[0].Length).Select(c => table.Max(r => r[c].Length)).ToArray();
        for (int r = 0; r < table.Count; r++)
        {
            output.WriteLine("| " + string.Join(" | ", table[r].Select((cell, c) => cell.PadLeft(widths[c]))) + " |");
            if (r == 0) output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 1) + ":")) + "|");
        }
        output.WriteLine();
        output.WriteLine(peer ? $"Peer: {versions} via /usr/bin/python3 on the same float64 data." : "Peer not run: /usr/bin/python3 with sklearn and numpy is not installed.");
        output.WriteLine("Timed: construct, fit (Cholesky of the n x n kernel matrix) and predict mean + std at 2,000 points, best of 3; " +
                         "'same result' compares the sums of the predicted means and standard deviations.");
        output.WriteLine($"{Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}; numpy's BLAS may use several threads.");
    }

    /// <summary>Points uniform in [0, 1]^dim, targets a smooth function of them.</summary>
    private static (double[][] X, double[] Y) MakeData(int n, int dim, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dim).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        return (x, x.Select(p => Math.Sin(3 * p[0]) + p[1] * p[2] - Math.Cos(2 * p[3 % dim])).ToArray());
    }

    private static (double Seconds, double MeanSum, double StdSum) Time(double[][] x, double[] y, double[][] xq)
    {
        double best = double.MaxValue;
        GaussianProcessPrediction p = null!;
        for (int r = 0; r < Repeats; r++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            p = new GaussianProcessRegressor(Kernel.Matern52(0.5), alpha: 1e-6).Fit(x, y).Predict(xq);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return (best, p.Mean.Sum(), p.Std.Sum());
    }

    private static JsonElement RunPeer(double[][] x, double[] y, double[][] xq)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"mlprimer-gp-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            string Write(string name, double[] values)
            {
                string path = Path.Combine(dir, name);
                File.WriteAllBytes(path, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
                return path;
            }
            var (code, stdout, stderr) = PythonPeer.RunScript("gp_peer.py", Write("x.f64", x.SelectMany(r => r).ToArray()), Write("y.f64", y),
                Write("xq.f64", xq.SelectMany(r => r).ToArray()), Dim.ToString(CultureInfo.InvariantCulture), Repeats.ToString(CultureInfo.InvariantCulture));
            if (code != 0) throw new InvalidOperationException("gp_peer.py failed: " + stderr);
            using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            return doc.RootElement.Clone();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
