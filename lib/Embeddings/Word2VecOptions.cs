using TorchSharp;

namespace MLPrimer.Embeddings;

/// <summary>Which word2vec model to train.</summary>
public enum Word2VecMode
{
    /// <summary>Skip-gram: each word predicts the words around it (gensim sg=1).</summary>
    SkipGram,

    /// <summary>Continuous bag of words: the mean of the context vectors predicts the word in the middle (gensim sg=0, cbow_mean=1).</summary>
    Cbow,
}

/// <summary>Which implementation runs the training loop.</summary>
public enum Word2VecBackend
{
    /// <summary>The C# loop on the CPU when the device is the CPU (or none), TorchSharp batches otherwise.</summary>
    Auto,

    /// <summary>Hand-written C# SGD over float arrays, one update per (word, context) pair, parallel Hogwild-style when Threads &gt; 1.</summary>
    CpuLoop,

    /// <summary>TorchSharp tensors on <see cref="Word2VecOptions.Device"/>: batches of (word, context, negatives) index tensors, gathered and updated with index_add_.</summary>
    Torch,
}

/// <summary>Settings of <see cref="Word2Vec"/>; the defaults are gensim's (vector_size 100, window 5, negative 5, min_count 5, sample 1e-3, alpha 0.025 to 0.0001, 5 epochs).</summary>
public sealed record Word2VecOptions
{
    /// <summary>Skip-gram or CBOW.</summary>
    public Word2VecMode Mode { get; init; } = Word2VecMode.SkipGram;

    /// <summary>Length of each word vector.</summary>
    public int VectorSize { get; init; } = 100;

    /// <summary>Largest distance between a word and a context word; each position uses a window drawn uniformly from 1..Window.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Noise words drawn per positive example (negative sampling).</summary>
    public int Negative { get; init; } = 5;

    /// <summary>Exponent of the unigram counts in the noise distribution.</summary>
    public double NsExponent { get; init; } = 0.75;

    /// <summary>Words seen fewer times are dropped.</summary>
    public int MinCount { get; init; } = 5;

    /// <summary>Subsampling threshold for frequent words (0 turns subsampling off).</summary>
    public double Sample { get; init; } = 1e-3;

    /// <summary>Passes over the corpus.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Initial learning rate; it decays linearly to <see cref="MinAlpha"/> over the whole training.</summary>
    public double Alpha { get; init; } = 0.025;

    /// <summary>Final learning rate.</summary>
    public double MinAlpha { get; init; } = 0.0001;

    /// <summary>Seed of every random choice (initial vectors, windows, subsampling, noise words).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Worker threads of the CPU loop; 1 gives identical vectors on every run, more trade that for speed.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Device of the TorchSharp backend (null: the CPU).</summary>
    public torch.Device? Device { get; init; }

    /// <summary>Implementation to use (see <see cref="Word2VecBackend"/>).</summary>
    public Word2VecBackend Backend { get; init; } = Word2VecBackend.Auto;

    /// <summary>TorchSharp backend: (word, context word) pairs per batch; a CBOW example counts once per context word.</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Loss points recorded per epoch in <see cref="Word2Vec.History"/>.</summary>
    public int ReportsPerEpoch { get; init; } = 10;

    internal void Validate()
    {
        Check(VectorSize >= 1, nameof(VectorSize), $"must be at least 1, not {VectorSize}");
        Check(Window >= 1, nameof(Window), $"must be at least 1, not {Window}");
        Check(Negative >= 1, nameof(Negative), $"must be at least 1 (only negative sampling is implemented), not {Negative}");
        Check(double.IsFinite(NsExponent), nameof(NsExponent), $"must be finite, not {NsExponent}");
        Check(MinCount >= 1, nameof(MinCount), $"must be at least 1, not {MinCount}");
        Check(Sample >= 0 && double.IsFinite(Sample), nameof(Sample), $"must be a finite number >= 0, not {Sample}");
        Check(Epochs >= 1, nameof(Epochs), $"must be at least 1, not {Epochs}");
        Check(Alpha > 0 && double.IsFinite(Alpha), nameof(Alpha), $"must be a finite number > 0, not {Alpha}");
        Check(MinAlpha >= 0 && MinAlpha <= Alpha, nameof(MinAlpha), $"must lie in [0, Alpha = {Alpha}], not {MinAlpha}");
        Check(Threads >= 1, nameof(Threads), $"must be at least 1, not {Threads}");
        Check(BatchSize >= 1, nameof(BatchSize), $"must be at least 1, not {BatchSize}");
        Check(ReportsPerEpoch >= 1, nameof(ReportsPerEpoch), $"must be at least 1, not {ReportsPerEpoch}");
        Check(Enum.IsDefined(Mode), nameof(Mode), $"must be SkipGram or Cbow, not {Mode}");
        Check(Enum.IsDefined(Backend), nameof(Backend), $"must be Auto, CpuLoop or Torch, not {Backend}");
        if (Backend == Word2VecBackend.CpuLoop && Device is { type: not DeviceType.CPU })
            throw new ArgumentException($"Backend CpuLoop runs on the CPU; Device is {Device}. Use Backend Torch or Auto for a GPU.", "options");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok) throw new ArgumentException($"{name} {rule}.", "options");
    }
}
