using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLPrimer.Features;

namespace MLPrimer.Benchmarks;

/// <summary>FeatureHasher throughput on 10^6 dict rows of 5 categorical fields, against scikit-learn on the same rows.</summary>
public sealed class HashingBenchmark : IBenchmark
{
    private const int RowCount = 1_000_000;
    private const int Fields = 5;
    private const int NFeatures = 1 << 20;
    private const int Repeats = 5;
    private const int Seed = 42;
    private static readonly int[] Cardinality = [10, 100, 1_000, 10_000, 100_000];

    /// <inheritdoc />
    public string Name => "hashing";

    /// <inheritdoc />
    public string Description => $"FeatureHasher.Transform, {RowCount:N0} dict rows x {Fields} categorical fields, n_features 2^20 (vs sklearn)";

    /// <inheritdoc />
    public void Run(TextWriter output)
    {
        var rows = MakeRows();

        // One untimed full run (JIT tiers settle, the GC heap reaches its working size), then best of Repeats.
        var hasher = new FeatureHasher(NFeatures);
        hasher.Transform(rows);
        SparseMatrix? result = null;
        double best = double.MaxValue;
        for (int r = 0; r < Repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            result = hasher.Transform(rows);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        var (checksum, dataSum) = Checksum(result!);
        double ours = RowCount / best;

        var table = new List<string[]>
        {
            new[] { "implementation", "rows/s", $"best of {Repeats} (s)", "stored", "index checksum", "data sum", "rows/s vs sklearn" },
            new[] { "MLPrimer FeatureHasher", ours.ToString("N0", CultureInfo.InvariantCulture), best.ToString("F3", CultureInfo.InvariantCulture),
                result!.StoredCount.ToString(CultureInfo.InvariantCulture), checksum.ToString(CultureInfo.InvariantCulture),
                dataSum.ToString("R", CultureInfo.InvariantCulture), "-" },
        };

        string note;
        if (PythonPeer.Has("sklearn", "numpy"))
        {
            string tsv = Path.Combine(Path.GetTempPath(), $"mlprimer-hashing-{Environment.ProcessId}.tsv");
            try
            {
                using (var w = new StreamWriter(tsv))
                    foreach (var row in rows) w.Write(string.Join('\t', Enumerable.Range(0, Fields).Select(j => row["f" + j])) + "\n");
                var (code, stdout, stderr) = PythonPeer.RunScript("hashing_peer.py", tsv, NFeatures.ToString(CultureInfo.InvariantCulture),
                    Repeats.ToString(CultureInfo.InvariantCulture));
                if (code != 0) throw new InvalidOperationException("hashing_peer.py failed: " + stderr);
                using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
                var peer = doc.RootElement;
                double seconds = peer.GetProperty("seconds").GetDouble();
                long peerChecksum = peer.GetProperty("index_checksum").GetInt64();
                double peerDataSum = peer.GetProperty("data_sum").GetDouble();
                int peerStored = peer.GetProperty("stored").GetInt32();
                double theirs = peer.GetProperty("rows").GetInt32() / seconds;
                table.Add(new[] { "scikit-learn FeatureHasher", theirs.ToString("N0", CultureInfo.InvariantCulture),
                    seconds.ToString("F3", CultureInfo.InvariantCulture), peerStored.ToString(CultureInfo.InvariantCulture),
                    peerChecksum.ToString(CultureInfo.InvariantCulture), peerDataSum.ToString("R", CultureInfo.InvariantCulture),
                    "1.00" });
                table[1][^1] = (ours / theirs).ToString("F2", CultureInfo.InvariantCulture);
                bool same = peerChecksum == checksum && peerStored == result.StoredCount && peerDataSum == dataSum;
                note = $"Outputs match sklearn (stored entries, index checksum, data sum): {(same ? "yes" : "NO")}. " +
                       $"Speed-up over sklearn: {ours / theirs:F2}x.";
            }
            finally
            {
                File.Delete(tsv);
            }
        }
        else
        {
            note = "Peer not run: /usr/bin/python3 with sklearn and numpy is not installed.";
        }

        Print(output, table);
        output.WriteLine();
        output.WriteLine(note);
        output.WriteLine($"Timed: the transform only (rows already in memory as dicts), best of {Repeats} after one untimed run on both sides; " +
                         $"{Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, single-threaded on both sides.");
    }

    /// <summary>Seeded rows {"f0": "v..", ..., "f4": "v.."}; field j draws from Cardinality[j] values.</summary>
    private static List<Dictionary<string, string>> MakeRows()
    {
        var rng = new Random(Seed);
        var pools = Cardinality.Select(c => Enumerable.Range(0, c).Select(v => "v" + v.ToString(CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var names = Enumerable.Range(0, Fields).Select(j => "f" + j).ToArray();
        var rows = new List<Dictionary<string, string>>(RowCount);
        for (int i = 0; i < RowCount; i++)
        {
            var row = new Dictionary<string, string>(Fields);
            for (int j = 0; j < Fields; j++) row[names[j]] = pools[j][rng.Next(pools[j].Length)];
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Same checksum as hashing_peer.py: sum over stored entries k of (index + 1) * (k mod 1000 + 1), and the sum of values.</summary>
    internal static (long Checksum, double DataSum) Checksum(SparseMatrix m)
    {
        long sum = 0;
        for (int k = 0; k < m.Indices.Length; k++) sum += (m.Indices[k] + 1L) * (k % 1000 + 1);
        // numpy's float sum is pairwise; every value here is +-1 or a small integer, so any order gives the same exact sum.
        double data = 0;
        foreach (double v in m.Data) data += v;
        return (sum, data);
    }

    internal static void Print(TextWriter output, List<string[]> table)
    {
        var widths = Enumerable.Range(0, table[0].Length).Select(c => table.Max(r => r[c].Length)).ToArray();
        for (int r = 0; r < table.Count; r++)
        {
            output.WriteLine("| " + string.Join(" | ", table[r].Select((s, c) => c == 0 ? s.PadRight(widths[c]) : s.PadLeft(widths[c]))) + " |");
            if (r == 0) output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        }
    }
}
