using MLPrimer.Data;
using MLPrimer.Embeddings;

namespace MLPrimer.Tests.Embeddings;

public class Word2VecTests
{
    /// <summary>Five topics that never share a sentence: the words of a topic co-occur only with each other.</summary>
    private static readonly string[][] Topics =
        new[] { "cat dog cow horse sheep goat", "hammer saw drill wrench pliers chisel", "red green blue yellow pink brown",
                "paris rome london berlin madrid vienna", "apple pear plum cherry peach lemon" }.Select(t => t.Split(' ')).ToArray();

    private static List<string[]> TopicCorpus(int sentences = 1000)
    {
        var rng = new Random(3);
        return Enumerable.Range(0, sentences).Select(i => Topics[i % Topics.Length].OrderBy(_ => rng.Next()).Take(4).ToArray()).ToList();
    }

    /// <summary>Mean cosine of word pairs from the same topic minus that of pairs from different topics.</summary>
    private static double TopicGap(KeyedVectors kv)
    {
        var pairs = Topics.SelectMany((t, a) => t.Select(w => (w, a))).ToList();
        var same = new List<double>();
        var other = new List<double>();
        foreach (var (w1, a) in pairs)
            foreach (var (w2, b) in pairs)
                if (w1 != w2) (a == b ? same : other).Add(kv.Similarity(w1, w2));
        return same.Average() - other.Average();
    }

    public static TheoryData<Word2VecMode, Word2VecBackend> Variants() => new()
    {
        { Word2VecMode.SkipGram, Word2VecBackend.CpuLoop },
        { Word2VecMode.Cbow, Word2VecBackend.CpuLoop },
        { Word2VecMode.SkipGram, Word2VecBackend.Torch },
        { Word2VecMode.Cbow, Word2VecBackend.Torch },
    };

    private static Word2VecOptions Small(Word2VecMode mode, Word2VecBackend backend) => new()
    {
        Mode = mode, Backend = backend, VectorSize = 16, Window = 3, MinCount = 1, Sample = 0, Epochs = 10,
        BatchSize = 64, ReportsPerEpoch = 2, Alpha = 0.05,
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void LossFallsAndTopicsSeparate(Word2VecMode mode, Word2VecBackend backend)
    {
        var model = Word2Vec.Train(TopicCorpus(), Small(mode, backend));
        Assert.Equal(10 * 2, model.History.Count);
        var first = model.History[0].Loss;
        var last = model.History[^1].Loss;
        // The first half-epoch starts from random vectors (loss about (1 + 5) * log 2 = 4.2 per example); by the end it has roughly halved.
        Assert.True(last < 0.6 * first, $"loss {first:F3} -> {last:F3}");
        double EpochLoss(int e) => model.History.Where(h => h.Epoch == e).Average(h => h.Loss);
        Assert.True(EpochLoss(10) < EpochLoss(2), $"epoch 2 loss {EpochLoss(2):F3}, epoch 10 loss {EpochLoss(10):F3}");
        var gap = TopicGap(model.Vectors);
        Assert.True(gap > 0.2, $"same-topic minus cross-topic cosine = {gap:F3}");
        Assert.All(model.Vectors.MostSimilar("horse", 4), n => Assert.Contains(n.Word, Topics[0]));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SameSeedGivesIdenticalVectors(Word2VecMode mode, Word2VecBackend backend)
    {
        var a = Word2Vec.Train(TopicCorpus(200), Small(mode, backend) with { Epochs = 2 });
        var b = Word2Vec.Train(TopicCorpus(200), Small(mode, backend) with { Epochs = 2 });
        var c = Word2Vec.Train(TopicCorpus(200), Small(mode, backend) with { Epochs = 2, Seed = 2 });
        Assert.Equal(a.Vectors.GetVector("cat"), b.Vectors.GetVector("cat"));
        Assert.NotEqual(a.Vectors.GetVector("cat"), c.Vectors.GetVector("cat"));
    }

    [Fact]
    public void TorchCbowBatchesCountContextWordsAndStayFinite()
    {
        // A CBOW example updates up to 2 * Window context vectors. Counting batches in examples put ~6x more updates of
        // frequent words into a batch than skip-gram's pairs do, and the summed updates diverged to NaN on Brown.
        var sentences = BrownCorpus.Sentences().ToArray();
        new Random(0).Shuffle(sentences);
        var options = new Word2VecOptions { Mode = Word2VecMode.Cbow, Backend = Word2VecBackend.Torch, Epochs = 1, MinAlpha = 0.025, ReportsPerEpoch = 4 };
        var model = Word2Vec.Train(sentences, options);
        Assert.All(model.History, h => Assert.True(double.IsFinite(h.Loss) && h.Loss < 4.2, $"loss {h.Loss} at epoch {h.EpochsDone}"));
        Assert.True(model.History[^1].Loss < model.History[0].Loss);
    }

    [Fact]
    public void HistoryFollowsTheLinearLearningRate()
    {
        // alpha(t) = 0.05 - (0.05 - 0.0001) * t / 10 at t = epochs done; the last point is at t = 10, i.e. MinAlpha.
        var model = Word2Vec.Train(TopicCorpus(200), Small(Word2VecMode.SkipGram, Word2VecBackend.CpuLoop));
        Assert.Equal(0.05 - 0.0499 * 0.5 / 10, model.History[0].Alpha, 1e-12);
        Assert.Equal(0.0001, model.History[^1].Alpha, 1e-12);
        Assert.Equal(10.0, model.History[^1].EpochsDone, 1e-12);
    }

    [Fact]
    public void ThreadsShareTheWork()
    {
        // Hogwild threads race on the same arrays, so vectors differ from the 1-thread run; the result must still be good.
        var sentences = TopicCorpus(10_000); // 40,000 tokens: several jobs per epoch
        var model = Word2Vec.Train(sentences, Small(Word2VecMode.SkipGram, Word2VecBackend.CpuLoop) with { Threads = 2, Epochs = 3 });
        Assert.True(TopicGap(model.Vectors) > 0.2);
        Assert.Contains("2 threads", model.Backend);
    }

    [Fact]
    public void RejectsBadSettingsAndEmptyInput()
    {
        var corpus = TopicCorpus(10);
        foreach (var (bad, name) in new (Word2VecOptions, string)[]
                 {
                     (new() { Window = 0 }, "Window"), (new() { VectorSize = 0 }, "VectorSize"), (new() { Negative = 0 }, "Negative"),
                     (new() { Epochs = 0 }, "Epochs"), (new() { Alpha = 0 }, "Alpha"), (new() { MinAlpha = 1 }, "MinAlpha"),
                     (new() { Sample = -1 }, "Sample"), (new() { Threads = 0 }, "Threads"), (new() { BatchSize = 0 }, "BatchSize"),
                     (new() { MinCount = 0 }, "MinCount"),
                 })
        {
            var e = Assert.Throws<ArgumentException>(() => Word2Vec.Train(corpus, bad));
            Assert.Equal("options", e.ParamName);
            Assert.StartsWith(name + " ", e.Message);
        }
        Assert.Equal("sentences", Assert.Throws<ArgumentException>(() => Word2Vec.Train([], new Word2VecOptions())).ParamName);
        Assert.Equal("minCount", Assert.Throws<ArgumentException>(() => Word2Vec.Train(corpus, new Word2VecOptions { MinCount = 1000 })).ParamName);
    }

    [Fact]
    public void SimilarityProbeAucCountsWinsAndHalfTies()
    {
        // pairs (0.9, 0.5) (0.9, 0.1) (0.5, 0.5) (0.5, 0.1) -> 1 + 1 + 0.5 + 1 = 3.5 of 4.
        Assert.Equal(0.875, SimilarityProbe.Auc([0.9, 0.5], [0.5, 0.1]), 1e-12);
        var kv = new KeyedVectors(["a", "b", "c", "d"], [1, 0, 1, 0.1f, 0, 1, 0.1f, 1], 2);
        var r = SimilarityProbe.Evaluate(kv, 50, related: [("a", "b"), ("c", "d")]);
        // Related pairs are near-parallel (cos 0.995); every random pairing of a/b with c/d is near-orthogonal.
        Assert.Equal(1.0, r.Auc, 1e-12);
        Assert.Equal(0.9950372, r.RelatedMean, 1e-6);
    }

    [Fact]
    public async Task SimilarityProbeRejectsRelatedPairsThatLeaveNoRandomPair()
    {
        // a-b, b-c, a-c connect every word to every other: no unrelated pair exists, so drawing one would never end.
        var kv = new KeyedVectors(["a", "b", "c"], [1, 0, 0, 1, 1, 1], 2);
        var task = Task.Run(() => SimilarityProbe.Evaluate(kv, 10, related: [("a", "b"), ("b", "c"), ("a", "c")]));
        Assert.Same(task, await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10))));   // it must not loop forever
        var e = await Assert.ThrowsAsync<ArgumentException>(() => task);
        Assert.Equal("related", e.ParamName);
        Assert.Contains("no unrelated pair", e.Message);
    }
}
