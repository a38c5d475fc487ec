using System.Diagnostics;
using TorchSharp;

namespace MLPrimer.Embeddings;

/// <summary>One point of a word2vec training run: mean loss per positive example over the last stretch of the corpus.</summary>
/// <param name="Epoch">1-based epoch the point belongs to.</param>
/// <param name="EpochsDone">Training progress in epochs (e.g. 2.5 = halfway through the third epoch).</param>
/// <param name="Alpha">Learning rate at that point.</param>
/// <param name="Loss">Mean negative-sampling loss per (word, context) example: -log σ(positive score) - Σ log σ(-noise score).</param>
public sealed record Word2VecLossPoint(int Epoch, double EpochsDone, double Alpha, double Loss);

/// <summary>Trains word2vec (skip-gram or CBOW with negative sampling, subsampling, dynamic windows and a linearly decaying learning rate).</summary>
public sealed class Word2Vec
{
    private Word2Vec(Word2VecOptions options, Vocabulary vocabulary, KeyedVectors vectors, List<Word2VecLossPoint> history,
        double seconds, string backend)
    {
        Options = options;
        Vocabulary = vocabulary;
        Vectors = vectors;
        History = history;
        TrainingSeconds = seconds;
        Backend = backend;
    }

    /// <summary>The settings used.</summary>
    public Word2VecOptions Options { get; }

    /// <summary>The vocabulary the vectors cover.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The trained word vectors (the input embeddings, as word2vec.c and gensim save them).</summary>
    public KeyedVectors Vectors { get; }

    /// <summary>Loss curve: <see cref="Word2VecOptions.ReportsPerEpoch"/> points per epoch.</summary>
    public IReadOnlyList<Word2VecLossPoint> History { get; }

    /// <summary>Wall-clock seconds of the training loop (vocabulary building excluded).</summary>
    public double TrainingSeconds { get; }

    /// <summary>Throughput: corpus tokens (as counted by the vocabulary, before min_count and subsampling) times epochs, per training second.</summary>
    public double WordsPerSecond => Vocabulary.RawWords * (double)Options.Epochs / TrainingSeconds;

    /// <summary>Which implementation ran, e.g. "C# loop, 2 threads" or "TorchSharp on cuda".</summary>
    public string Backend { get; }

    /// <summary>Builds the vocabulary (unless given) and trains; <paramref name="log"/> gets one line per epoch with loss and words/s.</summary>
    public static Word2Vec Train(IEnumerable<string[]> sentences, Word2VecOptions? options = null, TextWriter? log = null,
        Vocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        options ??= new Word2VecOptions();
        options.Validate();
        vocabulary ??= Vocabulary.Build(sentences, options.MinCount);
        var corpus = new TrainingCorpus(vocabulary, vocabulary.Encode(sentences), options);
        if (corpus.Tokens == 0) throw new ArgumentException("sentences hold no word of the vocabulary.", nameof(sentences));

        var useTorch = options.Backend == Word2VecBackend.Torch ||
                       (options.Backend == Word2VecBackend.Auto && options.Device is { type: not DeviceType.CPU });
        var stopwatch = Stopwatch.StartNew();
        var history = new List<Word2VecLossPoint>();
        float[] vectors;
        string backend;
        if (useTorch)
        {
            var trainer = new TorchTrainer(corpus, options);
            backend = $"TorchSharp on {trainer.DeviceName}, batches of {options.BatchSize:N0} pairs";
            vectors = trainer.Run(history, stopwatch, log);
        }
        else
        {
            var trainer = new CpuTrainer(corpus, options);
            backend = $"C# loop, {options.Threads} thread{(options.Threads == 1 ? "" : "s")}";
            vectors = trainer.Run(history, stopwatch, log);
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new Word2Vec(options, vocabulary, new KeyedVectors(vocabulary.Words, vectors, options.VectorSize), history, seconds, backend);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Word2Vec {Options.Mode}: {Vocabulary.Count:N0} words x {Options.VectorSize}, {Options.Epochs} epochs in {TrainingSeconds:F1} s ({WordsPerSecond:N0} words/s, {Backend})";

    internal static void LogEpoch(TextWriter? log, Word2VecOptions options, int epoch, double loss, double alpha, long rawWords, double epochSeconds, double totalSeconds)
    {
        log?.WriteLine($"epoch {epoch}/{options.Epochs}: loss {loss:F4}, alpha {alpha:F5}, " +
                       $"{rawWords / Math.Max(epochSeconds, 1e-9):N0} words/s, {totalSeconds:F1} s");
    }
}
