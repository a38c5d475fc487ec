using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLPrimer.Embeddings;

/// <summary>The CPU fast path: word2vec.c's SGD loop in C# over float arrays, jobs shared by threads without locks (Hogwild).</summary>
internal sealed class CpuTrainer
{
    private const int MaxExp = 6;
    private const int TableSize = 1000;
    private static readonly float[] SigmoidTable = BuildTable(x => 1 / (1 + Math.Exp(-x)));
    private static readonly float[] LossTable = BuildTable(x => -Math.Log(1 / (1 + Math.Exp(-x)))); // -log σ(x)

    private readonly TrainingCorpus _corpus;
    private readonly Word2VecOptions _o;
    private readonly float[] _syn0;
    private readonly float[] _syn1;

    public CpuTrainer(TrainingCorpus corpus, Word2VecOptions options)
    {
        _corpus = corpus;
        _o = options;
        _syn0 = corpus.InitialVectors(options);
        _syn1 = new float[_syn0.Length];
    }

    public float[] Run(List<Word2VecLossPoint> history, Stopwatch clock, TextWriter? log)
    {
        var slots = _o.ReportsPerEpoch;
        for (var epoch = 0; epoch < _o.Epochs; epoch++)
        {
            var epochStart = clock.Elapsed.TotalSeconds;
            var loss = new double[slots];
            var examples = new long[slots];
            var next = -1;
            void Worker()
            {
                var state = new WorkerState(_o.VectorSize, _corpus.LongestSentence);
                for (var job = Interlocked.Increment(ref next); job < _corpus.Jobs; job = Interlocked.Increment(ref next))
                {
                    var (l, n) = RunJob(epoch, job, state);
                    var slot = _corpus.Slot(job, slots);
                    lock (loss)
                    {
                        loss[slot] += l;
                        examples[slot] += n;
                    }
                }
            }
            if (_o.Threads == 1) Worker();
            else
            {
                var threads = Enumerable.Range(0, _o.Threads).Select(_ => new Thread(Worker) { IsBackground = true }).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
            }
            for (var s = 0; s < slots; s++)
            {
                if (examples[s] == 0) continue; // a corpus too small to give every report a job
                var done = epoch + (s + 1.0) / slots;
                history.Add(new Word2VecLossPoint(epoch + 1, done, TrainingCorpus.AlphaAt(_o, done), loss[s] / Math.Max(1, examples[s])));
            }
            Word2Vec.LogEpoch(log, _o, epoch + 1, loss.Sum() / Math.Max(1, examples.Sum()), TrainingCorpus.AlphaAt(_o, epoch + 1.0),
                _corpus.Vocabulary.RawWords, clock.Elapsed.TotalSeconds - epochStart, clock.Elapsed.TotalSeconds);
        }
        return _syn0;
    }

    private sealed class WorkerState(int size, int longest)
    {
        public readonly int[] Kept = new int[longest];
        public readonly float[] Hidden = new float[size];
        public readonly float[] Work = new float[size];
    }

    // Hot loops: compiled fully optimised at once instead of starting in the unoptimised tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Loss, long Examples) RunJob(int epoch, int job, WorkerState state)
    {
        var rng = TrainingCorpus.JobRandom(_o.Seed, epoch, job);
        var alpha = (float)TrainingCorpus.AlphaAt(_o, _corpus.EpochsDone(epoch, _corpus.JobTokenStart[job]));
        int size = _o.VectorSize, window = _o.Window;
        var kept = state.Kept;
        double loss = 0;
        long examples = 0;
        for (var s = _corpus.JobStarts[job]; s < _corpus.JobStarts[job + 1]; s++)
        {
            var n = _corpus.Subsample(_corpus.Sentences[s], kept, ref rng);
            for (var i = 0; i < n; i++)
            {
                var reduced = window - rng.Next(window); // effective window 1..window
                int start = Math.Max(0, i - reduced), end = Math.Min(n, i + reduced + 1);
                if (_o.Mode == Word2VecMode.SkipGram)
                {
                    for (var j = start; j < end; j++)
                    {
                        if (j == i) continue;
                        // As in word2vec.c and gensim: the context word's input vector predicts the centre word.
                        var input = _syn0.AsSpan(kept[j] * size, size);
                        var work = state.Work.AsSpan();
                        work.Clear();
                        loss += Update(input, kept[i], alpha, work, ref rng);
                        Axpy(1f, work, input);
                        examples++;
                    }
                }
                else
                {
                    var hidden = state.Hidden.AsSpan();
                    hidden.Clear();
                    var count = 0;
                    for (var j = start; j < end; j++)
                    {
                        if (j == i) continue;
                        Axpy(1f, _syn0.AsSpan(kept[j] * size, size), hidden);
                        count++;
                    }
                    if (count == 0) continue;
                    Scale(1f / count, hidden);
                    var work = state.Work.AsSpan();
                    work.Clear();
                    loss += Update(hidden, kept[i], alpha, work, ref rng);
                    // cbow_mean = 1: the whole error goes to every context word (word2vec.c, gensim).
                    for (var j = start; j < end; j++)
                        if (j != i) Axpy(1f, work, _syn0.AsSpan(kept[j] * size, size));
                    examples++;
                }
            }
        }
        return (loss, examples);
    }

    /// <summary>One positive and Negative noise words: updates their output vectors, accumulates the input gradient in work; returns the loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Update(ReadOnlySpan<float> input, int target, float alpha, Span<float> work, ref FastRandom rng)
    {
        var size = _o.VectorSize;
        var noise = _corpus.Noise;
        double loss = 0;
        for (var d = 0; d <= _o.Negative; d++)
        {
            int word;
            float label;
            if (d == 0) { word = target; label = 1; }
            else
            {
                word = noise.Sample(rng.NextUInt64());
                if (word == target) continue;
                label = 0;
            }
            var output = _syn1.AsSpan(word * size, size);
            var f = Dot(input, output);
            float g;
            // label 1: loss -log σ(f); label 0: loss -log σ(-f).
            if (f >= MaxExp) { g = (label - 1) * alpha; loss += label == 1 ? 0 : f; }
            else if (f <= -MaxExp) { g = label * alpha; loss += label == 1 ? -f : 0; }
            else
            {
                // word2vec.c's and gensim's lookup, integer division (1000 / 6 / 2 = 83) included: same numbers as theirs.
                var k = (int)((f + MaxExp) * (TableSize / MaxExp / 2));
                g = (label - SigmoidTable[k]) * alpha;
                loss += LossTable[label == 1 ? k : TableSize - 1 - k];
            }
            Axpy(g, output, work);
            Axpy(g, input, output);
        }
        return loss;
    }

    private static float[] BuildTable(Func<double, double> f)
    {
        var t = new float[TableSize];
        for (var i = 0; i < TableSize; i++) t[i] = (float)f(((double)i / TableSize * 2 - 1) * MaxExp); // entry i at x = (2i/1000 - 1) * 6
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var acc = Vector<float>.Zero;
        for (var i = 0; i < vx.Length; i++) acc += vx[i] * vy[i];
        var sum = Vector.Sum(acc);
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>y += a * x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var va = new Vector<float>(a);
        for (var i = 0; i < vx.Length; i++) vy[i] += va * vx[i];
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++) y[i] += a * x[i];
    }

    private static void Scale(float a, Span<float> y)
    {
        for (var i = 0; i < y.Length; i++) y[i] *= a;
    }
}
