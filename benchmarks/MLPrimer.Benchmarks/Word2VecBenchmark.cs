using System.Globalization;
using System.Text.Json;
using MLPrimer.Data;
using MLPrimer.Embeddings;

namespace MLPrimer.Benchmarks;

/// <summary>word2vec on the Brown corpus: our trainer against gensim, same settings, same run; throughput and similarity probe.</summary>
/// <remarks>The probe's AUC moves by about ±0.003 from seed to seed, so each side trains with seeds 1, 2 and 3 and the table shows
/// means (throughput) and mean with range (probe). W2V_THREADS overrides the 2 threads / workers, W2V_SEEDS the number of seeds.</remarks>
public sealed class Word2VecBenchmark : IBenchmark
{
    public string Name => "word2vec";

    public string Description => "skip-gram and CBOW on Brown (100-d, window 5, 5 negatives, min_count 5, sample 1e-3, 5 epochs, 2 threads) vs gensim";

    public void Run(TextWriter output)
    {
        var threads = int.TryParse(Environment.GetEnvironmentVariable("W2V_THREADS"), out var t) ? t : 2;
        var seeds = Enumerable.Range(1, int.TryParse(Environment.GetEnvironmentVariable("W2V_SEEDS"), out var s) ? s : 3).ToArray();
        var sentences = BrownCorpus.Sentences().ToList();
        var gensim = PythonPeer.Has("gensim");
        if (!gensim) output.WriteLine("(gensim not installed for /usr/bin/python3: peer columns left empty)");
        output.WriteLine("| model | ours words/s | gensim words/s | ratio | ours probe AUC | gensim probe AUC |");
        output.WriteLine("| --- | ---: | ---: | ---: | --- | --- |");
        foreach (var mode in new[] { Word2VecMode.SkipGram, Word2VecMode.Cbow })
        {
            var ours = new List<(double Speed, double Auc)>();
            var theirs = new List<(double Speed, double Auc)>();
            foreach (var seed in seeds)
            {
                var options = new Word2VecOptions { Mode = mode, Threads = threads, Seed = seed, Backend = Word2VecBackend.CpuLoop };
                var model = Word2Vec.Train(sentences, options);
                ours.Add((model.WordsPerSecond, SimilarityProbe.Evaluate(model.Vectors).Auc));
                Console.Error.WriteLine($"ours   {mode} seed {seed}: {model}");
                if (gensim) theirs.Add(Gensim(mode, threads, options.Epochs, seed));
            }
            var ratio = gensim ? $"{ours.Average(o => o.Speed) / theirs.Average(o => o.Speed):F2}" : "";
            output.WriteLine($"| {mode} | {ours.Average(o => o.Speed):N0} | {(gensim ? theirs.Average(o => o.Speed).ToString("N0", CultureInfo.InvariantCulture) : "")} | {ratio} | {Probe(ours)} | {(gensim ? Probe(theirs) : "")} |");
        }
        output.WriteLine($"words/s = corpus tokens ({sentences.Sum(x => x.Length):N0}) x epochs / training seconds (vocabulary building excluded), mean over seeds {string.Join(", ", seeds)};");
        output.WriteLine($"{threads} threads (ours, Hogwild) / gensim workers. Probe: SimilarityProbe AUC, mean [min-max] over the seeds.");
    }

    private static (double Speed, double Auc) Gensim(Word2VecMode mode, int threads, int epochs, int seed)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mlprimer-gensim-{Environment.ProcessId}-{mode}-{seed}.txt");
        try
        {
            var (code, stdout, stderr) = PythonPeer.RunScript("word2vec_gensim.py", BrownCorpus.Path, mode == Word2VecMode.SkipGram ? "sg" : "cbow", file,
                threads.ToString(CultureInfo.InvariantCulture), epochs.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture));
            if (code != 0) throw new InvalidOperationException("gensim peer failed:\n" + stderr);
            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var speed = json.RootElement.GetProperty("words_per_second").GetDouble();
            Console.Error.WriteLine($"gensim {mode} seed {seed}: {speed:N0} words/s");
            // Scoring gensim's vectors with our probe also exercises reading gensim's word2vec text format.
            return (speed, SimilarityProbe.Evaluate(KeyedVectors.LoadWord2VecFormat(file)).Auc);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Probe(List<(double Speed, double Auc)> runs) =>
        $"{runs.Average(r => r.Auc):F4} [{runs.Min(r => r.Auc):F3}-{runs.Max(r => r.Auc):F3}]";
}
