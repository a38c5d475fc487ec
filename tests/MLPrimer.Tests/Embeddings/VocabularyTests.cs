using System.Globalization;
using MLPrimer.Data;
using MLPrimer.Embeddings;

namespace MLPrimer.Tests.Embeddings;

public class VocabularyTests
{
    // the:3, cat:2, sat:2, on, mat, dog, a: 1 each -> 11 tokens; min_count 2 keeps the, cat, sat (7 tokens).
    private static readonly string[][] Tiny =
    [
        "the cat sat on the mat".Split(' '),
        "the dog sat".Split(' '),
        "a cat".Split(' '),
    ];

    [Fact]
    public void CountsAndOrdersByFrequencyThenFirstAppearance()
    {
        var vocab = Vocabulary.Build(Tiny, minCount: 2);
        Assert.Equal(["the", "cat", "sat"], vocab.Words);
        Assert.Equal([3L, 2L, 2L], vocab.Counts);
        Assert.Equal(11, vocab.RawWords);
        Assert.Equal(7, vocab.TotalWords);
        Assert.Equal(1, vocab.IndexOf("cat"));
        Assert.Equal(-1, vocab.IndexOf("dog"));
        Assert.Equal(0, vocab.CountOf("mat"));
    }

    [Fact]
    public void KeepProbabilitiesFollowMikolovsFormula()
    {
        // threshold s*total = 0.1 * 7 = 0.7; keep = (sqrt(c/0.7) + 1) * 0.7 / c, capped at 1:
        //   the (c=3): (2.0701967 + 1) * 0.2333333 = 0.7163793;  cat, sat (c=2): (1.6903085 + 1) * 0.35 = 0.9416080
        var keep = Vocabulary.Build(Tiny, minCount: 2).KeepProbabilities(0.1);
        Assert.Equal(0.7163793, keep[0], 1e-7);
        Assert.Equal(0.9416080, keep[1], 1e-7);
        Assert.Equal(0.9416080, keep[2], 1e-7);
        // A large threshold keeps everything; sample = 0 turns subsampling off.
        Assert.All(Vocabulary.Build(Tiny, 2).KeepProbabilities(1.0), p => Assert.Equal(1.0, p));
        Assert.All(Vocabulary.Build(Tiny, 2).KeepProbabilities(0), p => Assert.Equal(1.0, p));
    }

    [Fact]
    public void NoiseDistributionIsUnigramToThreeQuarters()
    {
        // 3^0.75 = 2.2795071, 2^0.75 = 1.6817928; Z = 2.2795071 + 2 * 1.6817928 = 5.6430927 -> 0.4039464, 0.2980268
        var p = Vocabulary.Build(Tiny, minCount: 2).NoiseDistribution();
        Assert.Equal(0.4039464, p[0], 1e-7);
        Assert.Equal(0.2980268, p[1], 1e-7);
        Assert.Equal(1.0, p.Sum(), 12);
        // power 1 is the plain unigram distribution: 3/7, 2/7, 2/7.
        Assert.Equal(3.0 / 7, Vocabulary.Build(Tiny, 2).NoiseDistribution(1.0)[0], 12);
    }

    [Fact]
    public void MatchesGensimOnTheBrownCorpus()
    {
        // Reference written by reference/make_gensim_reference.py (first 3,000 Brown sentences, min_count 10, sample 1e-3).
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Embeddings", "reference", "gensim-vocab.tsv"))
            .Skip(1).Select(l => l.Split('\t')).ToList();
        var vocab = Vocabulary.Build(BrownCorpus.Sentences().Take(3000), minCount: 10);
        var keep = vocab.KeepProbabilities(1e-3);
        var noise = vocab.NoiseDistribution(0.75);
        Assert.Equal(rows.Count, vocab.Count);
        foreach (var r in rows)
        {
            var i = vocab.IndexOf(r[0]);
            Assert.True(i >= 0, $"'{r[0]}' missing");
            Assert.Equal(long.Parse(r[1], CultureInfo.InvariantCulture), vocab.Counts[i]);
            // gensim stores keep probabilities as integers out of 2^32 - 1 and the noise as a cumulative table out of 2^31 - 1.
            Assert.Equal(double.Parse(r[2], CultureInfo.InvariantCulture), keep[i], 1e-8);
            Assert.Equal(double.Parse(r[3], CultureInfo.InvariantCulture), noise[i], 2e-9);
        }
        // gensim breaks ties among equal counts in no particular order; the counts themselves must descend alike.
        Assert.Equal(rows.Select(r => long.Parse(r[1], CultureInfo.InvariantCulture)), vocab.Counts);
    }

    [Fact]
    public void EncodeDropsUnknownWordsAndEmptySentences()
    {
        var vocab = Vocabulary.Build(Tiny, minCount: 2);
        var encoded = vocab.Encode([["the", "dog", "cat"], ["dog"], ["sat"]]);
        Assert.Equal(2, encoded.Length);
        Assert.Equal([0, 1], encoded[0]);
        Assert.Equal([2], encoded[1]);
    }

    [Fact]
    public void RejectsAnEmptyCorpusAndAMinCountThatKeepsNothing()
    {
        var empty = Assert.Throws<ArgumentException>(() => Vocabulary.Build([], 1));
        Assert.Equal("sentences", empty.ParamName);
        Assert.Contains("empty", empty.Message);
        Assert.Throws<ArgumentException>(() => Vocabulary.Build([[], [""]], 1));
        var none = Assert.Throws<ArgumentException>(() => Vocabulary.Build(Tiny, minCount: 4));
        Assert.Equal("minCount", none.ParamName);
        Assert.Contains("leaves no words", none.Message);
        Assert.Equal("minCount", Assert.Throws<ArgumentException>(() => Vocabulary.Build(Tiny, 0)).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => Vocabulary.Build(Tiny, 1).KeepProbabilities(-1)).ParamName);
    }

    [Fact]
    public void NoiseSamplerDrawsWordsInProportion()
    {
        // Alias-method draws against the exact distribution: 400,000 draws, each frequency within 4 standard errors.
        var p = new[] { 0.5, 0.25, 0.125, 0.0625, 0.0625 };
        var sampler = new NoiseSampler(p);
        var rng = new FastRandom(7);
        var counts = new int[p.Length];
        const int n = 400_000;
        for (var i = 0; i < n; i++) counts[sampler.Sample(rng.NextUInt64())]++;
        for (var i = 0; i < p.Length; i++)
            Assert.InRange(counts[i] / (double)n, p[i] - 4 * Math.Sqrt(p[i] * (1 - p[i]) / n), p[i] + 4 * Math.Sqrt(p[i] * (1 - p[i]) / n));
    }
}
