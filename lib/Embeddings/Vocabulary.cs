namespace MLPrimer.Embeddings;

/// <summary>The words of a corpus seen at least min_count times, most frequent first, with their counts.</summary>
public sealed class Vocabulary
{
    private readonly string[] _words;
    private readonly long[] _counts;
    private readonly Dictionary<string, int> _index;

    private Vocabulary(string[] words, long[] counts, long rawWords, int minCount)
    {
        _words = words;
        _counts = counts;
        RawWords = rawWords;
        MinCount = minCount;
        TotalWords = counts.Sum();
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++) _index[words[i]] = i;
    }

    /// <summary>Counts the words of <paramref name="sentences"/> and keeps those seen at least <paramref name="minCount"/> times, most frequent first (ties in order of first appearance).</summary>
    public static Vocabulary Build(IEnumerable<string[]> sentences, int minCount = 5)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (minCount < 1) throw new ArgumentException($"minCount must be at least 1, not {minCount}.", nameof(minCount));
        var counts = new Dictionary<string, (long Count, int First)>(StringComparer.Ordinal);
        long raw = 0;
        foreach (var sentence in sentences)
        {
            if (sentence is null) throw new ArgumentException("sentences must not contain null sentences.", nameof(sentences));
            foreach (var word in sentence)
            {
                if (string.IsNullOrEmpty(word)) continue;
                raw++;
                counts[word] = counts.TryGetValue(word, out var c) ? (c.Count + 1, c.First) : (1, counts.Count);
            }
        }
        if (raw == 0) throw new ArgumentException("sentences hold no words: the corpus is empty.", nameof(sentences));
        var kept = counts.Where(kv => kv.Value.Count >= minCount)
            .OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.First).ToArray();
        if (kept.Length == 0)
            throw new ArgumentException(
                $"minCount = {minCount} leaves no words: the most frequent word occurs {counts.Values.Max(v => v.Count)} time(s).", nameof(minCount));
        return new Vocabulary(kept.Select(kv => kv.Key).ToArray(), kept.Select(kv => kv.Value.Count).ToArray(), raw, minCount);
    }

    /// <summary>Number of distinct words kept.</summary>
    public int Count => _words.Length;

    /// <summary>The min_count the vocabulary was built with.</summary>
    public int MinCount { get; }

    /// <summary>All tokens in the corpus, including the words dropped by min_count.</summary>
    public long RawWords { get; }

    /// <summary>Tokens of kept words: the sum of <see cref="Counts"/> (the "total" in the subsampling formula).</summary>
    public long TotalWords { get; }

    /// <summary>The kept words, most frequent first; a word's position is its index.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Corpus count of each kept word, aligned with <see cref="Words"/>.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>Index of <paramref name="word"/>, or -1 when it is not in the vocabulary.</summary>
    public int IndexOf(string word) => _index.TryGetValue(word ?? throw new ArgumentNullException(nameof(word)), out var i) ? i : -1;

    /// <summary>True when <paramref name="word"/> is in the vocabulary.</summary>
    public bool Contains(string word) => _index.ContainsKey(word ?? throw new ArgumentNullException(nameof(word)));

    /// <summary>Corpus count of <paramref name="word"/> (0 when it is not in the vocabulary).</summary>
    public long CountOf(string word) => _index.TryGetValue(word ?? throw new ArgumentNullException(nameof(word)), out var i) ? _counts[i] : 0;

    /// <summary>Probability of keeping each occurrence of each word under frequent-word subsampling with threshold <paramref name="sample"/>:
    /// min(1, (sqrt(c/(s*total)) + 1) * (s*total)/c), as in word2vec.c and gensim; sample = 0 keeps everything.</summary>
    public double[] KeepProbabilities(double sample)
    {
        if (!(sample >= 0) || double.IsInfinity(sample)) throw new ArgumentException($"sample must be a finite number >= 0, not {sample}.", nameof(sample));
        var keep = new double[Count];
        var threshold = sample * TotalWords;
        for (var i = 0; i < keep.Length; i++)
            keep[i] = sample == 0 ? 1.0 : Math.Min(1.0, (Math.Sqrt(_counts[i] / threshold) + 1) * threshold / _counts[i]);
        return keep;
    }

    /// <summary>The negative-sampling noise distribution: count^power normalised to sum 1 (power 0.75 in word2vec).</summary>
    public double[] NoiseDistribution(double power = 0.75)
    {
        if (!double.IsFinite(power)) throw new ArgumentException($"power must be finite, not {power}.", nameof(power));
        var p = _counts.Select(c => Math.Pow(c, power)).ToArray();
        var z = p.Sum();
        for (var i = 0; i < p.Length; i++) p[i] /= z;
        return p;
    }

    /// <summary>Maps each sentence to word indices, dropping words outside the vocabulary (and sentences left empty).</summary>
    public int[][] Encode(IEnumerable<string[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var result = new List<int[]>();
        var buffer = new List<int>();
        foreach (var sentence in sentences)
        {
            if (sentence is null) throw new ArgumentException("sentences must not contain null sentences.", nameof(sentences));
            buffer.Clear();
            foreach (var word in sentence)
                if (word is not null && _index.TryGetValue(word, out var i)) buffer.Add(i);
            if (buffer.Count > 0) result.Add(buffer.ToArray());
        }
        return result.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Vocabulary: {Count:N0} words with count >= {MinCount} ({TotalWords:N0} of {RawWords:N0} tokens kept)";
}
