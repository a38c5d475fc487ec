using System.Globalization;
using System.Text.Json;
using MLPrimer.Data;
using MLPrimer.Embeddings;

namespace MLPrimer.Benchmarks;

/// <summary>word2vec on the Brown corpus: our trainer against gensim, same settings, same run; throughput and similarity probe.</summary>
public sealed class Word2VecBenchmark : IBenchmark
{
    public string Name => "word2vec";

    public string Description => "skip-gram and CBOW on Brown (100-d, window 5, 5 negatives, min_count 5, sample 1e-3, 5 epochs, 2 threads) vs gensim";

    public void Run(TextWriter output)
    {
        var threads = int.TryParse(Environment.GetEnvironmentVariable("W2V_THREADS"), out var t) ? t : 2;
        var sentences = BrownCorpus.Sentences().ToList();
        var gensim = PythonPeer.Has("gensim");
        if (!gensim) output.WriteLine("(gensim not installed for /usr/bin/python3: peer columns left empty)");
        output.WriteLine($"| model | ours words/s | gensim words/s | ratio | ours probe AUC (related / random cosine) | gensim probe AUC (related / random cosine) |");
        output.WriteLine("| --- | ---: | ---: | ---: | --- | --- |");
        foreach (var mode in new[] { Word2VecMode.SkipGram, Word2VecMode.Cbow })
        {
            var options = new Word2VecOptions { Mode = mode, Threads = threads, Backend = Word2VecBackend.CpuLoop };
            var ours = Word2Vec.Train(sentences, options, Console.Error);
            var ourProbe = SimilarityProbe.Evaluate(ours.Vectors);
            string peerSpeed = "", ratio = "", peerProbe = "";
            if (gensim)
            {
                var file = Path.Combine(Path.GetTempPath(), $"mlprimer-gensim-{Environment.ProcessId}-{mode}.txt");
                try
                {
                    var (code, stdout, stderr) = PythonPeer.RunScript("word2vec_gensim.py", BrownCorpus.Path,
                        mode == Word2VecMode.SkipGram ? "sg" : "cbow", file, threads.ToString(CultureInfo.InvariantCulture), options.Epochs.ToString(CultureInfo.InvariantCulture));
                    if (code != 0) throw new InvalidOperationException("gensim peer failed:\n" + stderr);
                    using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
                    var speed = json.RootElement.GetProperty("words_per_second").GetDouble();
                    var theirProbe = SimilarityProbe.Evaluate(KeyedVectors.LoadWord2VecFormat(file));
                    peerSpeed = $"{speed:N0}";
                    ratio = $"{ours.WordsPerSecond / speed:F2}";
                    peerProbe = Probe(theirProbe);
                }
                finally
                {
                    File.Delete(file);
                }
            }
            output.WriteLine($"| {mode} | {ours.WordsPerSecond:N0} | {peerSpeed} | {ratio} | {Probe(ourProbe)} | {peerProbe} |");
        }
        output.WriteLine($"words/s = corpus tokens ({sentences.Sum(s => s.Length):N0}) x epochs / training seconds (vocabulary building excluded); {threads} threads / gensim workers.");
    }

    private static string Probe(SimilarityProbeResult r) => $"{r.Auc:F3} ({r.RelatedMean:F3} / {r.RandomMean:F3})";
}
