namespace MLPrimer.Embeddings;

/// <summary>The encoded corpus cut into jobs of about 10,000 tokens (fewer in a small corpus, so every loss report gets a job), with the subsampling thresholds and the noise sampler.</summary>
internal sealed class TrainingCorpus
{
    public const int MaxJobTokens = 10_000;

    public TrainingCorpus(Vocabulary vocabulary, int[][] sentences, Word2VecOptions options)
    {
        Vocabulary = vocabulary;
        Sentences = sentences;
        Tokens = sentences.Sum(s => (long)s.Length);
        KeepThreshold = vocabulary.KeepProbabilities(options.Sample)
            .Select(p => p >= 1 ? uint.MaxValue : (uint)(p * 4294967296.0)).ToArray();
        Noise = new NoiseSampler(vocabulary.NoiseDistribution(options.NsExponent));
        var jobTokens = Math.Clamp((Tokens + 2 * options.ReportsPerEpoch - 1) / (2 * options.ReportsPerEpoch), 1, MaxJobTokens);
        var starts = new List<int> { 0 };
        var jobTokenStart = new List<long> { 0 };
        long inJob = 0, done = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            inJob += sentences[i].Length;
            done += sentences[i].Length;
            if (inJob >= jobTokens && i + 1 < sentences.Length)
            {
                starts.Add(i + 1);
                jobTokenStart.Add(done);
                inJob = 0;
            }
        }
        starts.Add(sentences.Length);
        JobStarts = starts.ToArray();
        JobTokenStart = jobTokenStart.ToArray();
        LongestSentence = sentences.Length == 0 ? 0 : sentences.Max(s => s.Length);
    }

    public Vocabulary Vocabulary { get; }
    public int[][] Sentences { get; }
    public long Tokens { get; }
    public uint[] KeepThreshold { get; }
    public NoiseSampler Noise { get; }
    public int LongestSentence { get; }

    /// <summary>Sentence index where each job starts; the last entry is the sentence count.</summary>
    public int[] JobStarts { get; }

    /// <summary>Tokens before each job within an epoch.</summary>
    public long[] JobTokenStart { get; }

    public int Jobs => JobStarts.Length - 1;

    /// <summary>Which of the epoch's report slots a job's loss goes to.</summary>
    public int Slot(int job, int slots) => (int)Math.Min(slots - 1, JobTokenStart[job] * slots / Math.Max(1, Tokens));

    /// <summary>Learning rate at a point of training: linear from Alpha down to MinAlpha.</summary>
    public static double AlphaAt(Word2VecOptions o, double epochsDone) =>
        Math.Max(o.MinAlpha, o.Alpha - (o.Alpha - o.MinAlpha) * epochsDone / o.Epochs);

    public double EpochsDone(int epoch, long tokensIntoEpoch) => epoch + (double)tokensIntoEpoch / Tokens;

    /// <summary>Random generator of one job: depends only on the seed, the epoch and the job, never on threads.</summary>
    public static FastRandom JobRandom(int seed, int epoch, int job) => new(FastRandom.Mix(seed, epoch, job));

    /// <summary>Initial input vectors: uniform in [-1/size, 1/size) as in gensim 4 (word2vec.c uses half that range).</summary>
    public float[] InitialVectors(Word2VecOptions o)
    {
        var size = o.VectorSize;
        var v = new float[(long)Vocabulary.Count * size];
        var rng = new FastRandom(FastRandom.Mix(o.Seed, -1));
        for (long i = 0; i < v.Length; i++) v[i] = (float)((rng.NextUInt32() / 4294967296.0 * 2 - 1) / size);
        return v;
    }

    /// <summary>Copies the sentence's words that survive subsampling into <paramref name="kept"/>; returns how many.</summary>
    public int Subsample(int[] sentence, int[] kept, ref FastRandom rng)
    {
        var n = 0;
        var threshold = KeepThreshold;
        foreach (var w in sentence)
        {
            var t = threshold[w];
            if (t == uint.MaxValue || rng.NextUInt32() < t) kept[n++] = w;
        }
        return n;
    }
}
