using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MLPrimer.Data;
using MLPrimer.Features;

namespace MLPrimer.Benchmarks;

/// <summary>FeatureHasher on whole documents (long rows): SpamAssassin's 6,046 messages as word + bigram tokens, against scikit-learn.</summary>
/// <remarks>The tokens are chapter 5's: lower-cased [a-z0-9']+ words of subject and body, plus adjacent-word bigrams. Rows hold
/// hundreds to thousands of tokens, so this measures the long-row path (sorting a row's entries), which the dict benchmark does not.</remarks>
public sealed class DocumentHashingBenchmark : IBenchmark
{
    private const int NFeatures = 1 << 20;
    private const int Repeats = 5;

    /// <inheritdoc />
    public string Name => "hashing-documents";

    /// <inheritdoc />
    public string Description => "FeatureHasher.Transform, 6,046 SpamAssassin messages as word + bigram tokens (string input), n_features 2^20 (vs sklearn)";

    /// <inheritdoc />
    public void Run(TextWriter output)
    {
        var documents = Tokenize(SpamAssassin.Load());
        long tokens = documents.Sum(d => (long)d.Count);

        var hasher = new FeatureHasher(NFeatures, FeatureHasherInputType.String);
        hasher.Transform(documents); // untimed warm-up
        SparseMatrix? result = null;
        double best = double.MaxValue;
        for (int r = 0; r < Repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            result = hasher.Transform(documents);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        var (checksum, dataSum) = HashingBenchmark.Checksum(result!);
        double ours = tokens / best;

        var table = new List<string[]>
        {
            new[] { "implementation", "tokens/s", $"best of {Repeats} (s)", "stored", "index checksum", "data sum", "tokens/s vs sklearn" },
            new[] { "MLPrimer FeatureHasher", ours.ToString("N0", CultureInfo.InvariantCulture), best.ToString("F3", CultureInfo.InvariantCulture),
                result!.StoredCount.ToString(CultureInfo.InvariantCulture), checksum.ToString(CultureInfo.InvariantCulture),
                dataSum.ToString("R", CultureInfo.InvariantCulture), "-" },
        };

        string note;
        if (PythonPeer.Has("sklearn", "numpy"))
        {
            string tsv = Path.Combine(Path.GetTempPath(), $"mlprimer-hashing-documents-{Environment.ProcessId}.tsv");
            try
            {
                using (var w = new StreamWriter(tsv))
                    foreach (var doc in documents) w.Write(string.Join('\t', doc) + "\n");
                var (code, stdout, stderr) = PythonPeer.RunScript("hashing_documents_peer.py", tsv, NFeatures.ToString(CultureInfo.InvariantCulture),
                    Repeats.ToString(CultureInfo.InvariantCulture));
                if (code != 0) throw new InvalidOperationException("hashing_documents_peer.py failed: " + stderr);
                using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
                var peer = json.RootElement;
                double seconds = peer.GetProperty("seconds").GetDouble();
                long peerChecksum = peer.GetProperty("index_checksum").GetInt64();
                double peerDataSum = peer.GetProperty("data_sum").GetDouble();
                int peerStored = peer.GetProperty("stored").GetInt32();
                double theirs = peer.GetProperty("tokens").GetInt64() / seconds;
                table.Add(new[] { "scikit-learn FeatureHasher", theirs.ToString("N0", CultureInfo.InvariantCulture),
                    seconds.ToString("F3", CultureInfo.InvariantCulture), peerStored.ToString(CultureInfo.InvariantCulture),
                    peerChecksum.ToString(CultureInfo.InvariantCulture), peerDataSum.ToString("R", CultureInfo.InvariantCulture), "1.00" });
                table[1][^1] = (ours / theirs).ToString("F2", CultureInfo.InvariantCulture);
                bool same = peerChecksum == checksum && peerStored == result.StoredCount && peerDataSum == dataSum;
                note = $"Outputs match sklearn (stored entries, index checksum, data sum): {(same ? "yes" : "NO")}. Speed-up over sklearn: {ours / theirs:F2}x.";
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

        HashingBenchmark.Print(output, table);
        output.WriteLine();
        output.WriteLine(note);
        output.WriteLine($"{documents.Count:N0} documents, {tokens:N0} tokens (longest row {documents.Max(d => d.Count):N0}). Timed: the transform only " +
                         $"(token lists already in memory), best of {Repeats} after one untimed run on both sides; {Environment.ProcessorCount} logical CPUs, " +
                         $".NET {Environment.Version}, single-threaded on both sides.");
    }

    private static List<List<string>> Tokenize(IReadOnlyList<SpamAssassinMessage> mail)
    {
        var word = new Regex("[a-z0-9']+", RegexOptions.Compiled);
        var documents = new List<List<string>>(mail.Count);
        foreach (var m in mail)
        {
            var words = word.Matches((m.Subject + "\n" + m.Text).ToLowerInvariant()).Select(x => x.Value).ToList();
            var tokens = new List<string>(2 * words.Count);
            tokens.AddRange(words);
            for (int i = 1; i < words.Count; i++) tokens.Add(words[i - 1] + " " + words[i]);
            documents.Add(tokens);
        }
        return documents;
    }
}
