using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLPrimer.Evaluation;

namespace MLPrimer.Benchmarks;

/// <summary>ROC AUC, average precision, PR curve and ROC curve on 10^6 and 10^7 seeded float32 scores, against scikit-learn on the same data.</summary>
public sealed class MetricsBenchmark : IBenchmark
{
    private static readonly int[] Sizes = [1_000_000, 10_000_000];
    private const int Repeats = 3;
    private const int Seed = 2024;

    private static readonly (string Key, string Label)[] MetricNames =
    [
        ("roc_auc", "RocAuc"),
        ("average_precision", "AveragePrecision"),
        ("pr_curve", "PrecisionRecallCurve"),
        ("roc_curve", "RocCurve"),
    ];

    /// <inheritdoc />
    public string Name => "metrics";

    /// <inheritdoc />
    public string Description => "RocAuc, AveragePrecision, PrecisionRecallCurve, RocCurve on 10^6 and 10^7 float32 scores (vs sklearn)";

    /// <inheritdoc />
    public void Run(TextWriter output)
    {
        bool peer = PythonPeer.Has("sklearn", "numpy");
        var table = new List<string[]>
        {
            new[] { "n", "metric", ".NET best of 3 (s)", "sklearn best of 3 (s)", ".NET / sklearn", "same result" },
        };
        string versions = "";

        // Warm-up so tiered JIT has settled before anything is timed.
        var (wy, ws) = MakeData(50_000, Seed + 1);
        for (int i = 0; i < 3; i++) RunOurs(wy, ws);

        foreach (int n in Sizes)
        {
            var (labels, scores) = MakeData(n, Seed);
            var ours = new Dictionary<string, (double Seconds, double Value, int Points)>();
            foreach (var (key, _) in MetricNames) ours[key] = Time(key, labels, scores);

            JsonElement? theirs = null;
            if (peer)
            {
                theirs = RunPeer(labels, scores);
                versions = $"scikit-learn {theirs.Value.GetProperty("sklearn").GetString()}, numpy {theirs.Value.GetProperty("numpy").GetString()}";
            }

            foreach (var (key, label) in MetricNames)
            {
                var o = ours[key];
                string peerSeconds = "-", ratio = "-", same = "-";
                if (theirs is { } t)
                {
                    var m = t.GetProperty(key);
                    double s = m.GetProperty("seconds").GetDouble();
                    peerSeconds = s.ToString("F3", CultureInfo.InvariantCulture);
                    ratio = (o.Seconds / s).ToString("F3", CultureInfo.InvariantCulture);
                    double v = m.GetProperty("value").GetDouble();
                    bool pointsMatch = !m.TryGetProperty("points", out var pts) || pts.GetInt32() == o.Points;
                    same = pointsMatch && Math.Abs(v - o.Value) <= 1e-9 * Math.Max(1, Math.Abs(v)) ? "yes" : $"NO ({v:R} vs {o.Value:R})";
                }
                table.Add(new[]
                {
                    n.ToString("N0", CultureInfo.InvariantCulture), label, o.Seconds.ToString("F3", CultureInfo.InvariantCulture),
                    peerSeconds, ratio, same,
                });
            }
        }

        Print(output, table);
        output.WriteLine();
        output.WriteLine(peer
            ? $"Peer: {versions} via /usr/bin/python3 on the same float32 scores and int8 labels (raw files read with numpy.fromfile)."
            : "Peer not run: /usr/bin/python3 with sklearn and numpy is not installed.");
        output.WriteLine("Timed: one metric call on arrays already in memory (int labels, float scores), best of 3; 'same result' compares " +
                         "the AUC/AP value, or the curve's point count and the sum of its precision/TPR array.");
        output.WriteLine($"{Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, single-threaded on both sides.");
    }

    /// <summary>Labels ~ Bernoulli(0.3); scores = sigmoid(N(0,1) + 1.2·label) rounded to float32 (so large n has natural ties).</summary>
    private static (int[] Labels, float[] Scores) MakeData(int n, int seed)
    {
        var rng = new Random(seed);
        var labels = new int[n];
        var scores = new float[n];
        for (int i = 0; i < n; i++)
        {
            int y = rng.NextDouble() < 0.3 ? 1 : 0;
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double gauss = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            labels[i] = y;
            scores[i] = (float)(1.0 / (1.0 + Math.Exp(-(gauss + 1.2 * y))));
        }
        return (labels, scores);
    }

    private static void RunOurs(int[] labels, float[] scores)
    {
        foreach (var (key, _) in MetricNames) Evaluate(key, labels, scores);
    }

    /// <summary>One call of the metric; returns a value to compare with the peer and the number of curve points.</summary>
    private static (double Value, int Points) Evaluate(string key, int[] labels, float[] scores)
    {
        switch (key)
        {
            case "roc_auc":
                return (Metrics.RocAuc(labels, scores), 0);
            case "average_precision":
                return (Metrics.AveragePrecision(labels, scores), 0);
            case "pr_curve":
            {
                var pr = Metrics.PrecisionRecallCurve(labels, scores);
                return (AccurateSum(pr.Precision), pr.Precision.Length);
            }
            case "roc_curve":
            {
                var roc = Metrics.RocCurve(labels, scores);
                return (AccurateSum(roc.TruePositiveRate), roc.Count);
            }
            default:
                throw new ArgumentException(key, nameof(key));
        }
    }

    /// <summary>Neumaier-compensated sum, so the check does not depend on summation order (numpy sums pairwise).</summary>
    private static double AccurateSum(double[] values)
    {
        double sum = 0, compensation = 0;
        foreach (double v in values)
        {
            double t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }

    private static (double Seconds, double Value, int Points) Time(string key, int[] labels, float[] scores)
    {
        double best = double.MaxValue;
        (double Value, int Points) result = default;
        for (int r = 0; r < Repeats; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            result = Evaluate(key, labels, scores);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return (best, result.Value, result.Points);
    }

    /// <summary>Writes the data as raw float32 / int8 files, runs metrics_peer.py on them and returns its JSON line.</summary>
    private static JsonElement RunPeer(int[] labels, float[] scores)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"mlprimer-metrics-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        string scoreFile = Path.Combine(dir, "scores.f32"), labelFile = Path.Combine(dir, "labels.i8");
        try
        {
            using (var f = File.Create(scoreFile))
                f.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(scores.AsSpan())); // little-endian float32
            var bytes = new byte[labels.Length];
            for (int i = 0; i < labels.Length; i++) bytes[i] = (byte)labels[i];
            File.WriteAllBytes(labelFile, bytes);
            var (code, stdout, stderr) = PythonPeer.RunScript("metrics_peer.py", scoreFile, labelFile,
                Repeats.ToString(CultureInfo.InvariantCulture));
            if (code != 0) throw new InvalidOperationException("metrics_peer.py failed: " + stderr);
            using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            return doc.RootElement.Clone();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Print(TextWriter output, List<string[]> table)
    {
        var widths = Enumerable.Range(0, table[0].Length).Select(c => table.Max(r => r[c].Length)).ToArray();
        for (int r = 0; r < table.Count; r++)
        {
            output.WriteLine("| " + string.Join(" | ", table[r].Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |");
            if (r == 0) output.WriteLine("|" + string.Join("|", widths.Select((w, c) => c < 2 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        }
    }
}
