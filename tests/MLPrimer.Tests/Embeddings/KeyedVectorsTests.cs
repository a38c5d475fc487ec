using System.Globalization;
using MLPrimer.Embeddings;

namespace MLPrimer.Tests.Embeddings;

public class KeyedVectorsTests
{
    private static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "Embeddings", "reference", name);

    // a = (1, 0), b = (0.9, 0.1), c = (0, 2), d = (-1, 0)
    private static KeyedVectors Square() => new(["a", "b", "c", "d"], [1, 0, 0.9f, 0.1f, 0, 2, -1, 0], 2);

    [Fact]
    public void CosineSimilarityAndNeighboursByHand()
    {
        var kv = Square();
        // cos(a, b) = 0.9 / sqrt(0.81 + 0.01) = 0.9938837; cos(a, c) = 0; cos(a, d) = -1.
        Assert.Equal(0.9938837, kv.Similarity("a", "b"), 1e-6);
        Assert.Equal(0.0, kv.Similarity("a", "c"), 1e-6);
        Assert.Equal(-1.0, kv.Similarity("a", "d"), 1e-6);
        var top = kv.MostSimilar("a", 2);
        Assert.Equal(["b", "c"], top.Select(t => t.Word));
        Assert.Equal(0.9938837, top[0].Similarity, 1e-6);
        // The query vector itself counts when asking by vector: (0, 1) is closest to c (cos 1), then b (0.1 / 0.9055385 = 0.1104315).
        var byVector = kv.MostSimilar([0f, 1f], 2);
        Assert.Equal(["c", "b"], byVector.Select(t => t.Word));
        Assert.Equal(0.1104315, byVector[1].Similarity, 1e-6);
    }

    [Fact]
    public void ReadsGensimsWord2VecTextFormatAndAgreesWithGensim()
    {
        // Written by reference/make_gensim_reference.py with gensim's save_word2vec_format, queries answered by gensim.
        var kv = KeyedVectors.LoadWord2VecFormat(Reference("gensim-vectors.txt"));
        Assert.Equal(802, kv.Count);
        Assert.Equal(16, kv.VectorSize);
        Assert.Equal("the", kv.Words[0]);
        Assert.Equal(-0.020390045f, kv.GetVector("the")[0]);
        foreach (var f in File.ReadAllLines(Reference("gensim-queries.tsv")).Select(l => l.Split('\t')))
        {
            if (f[0] == "sim")
                Assert.Equal(double.Parse(f[3], CultureInfo.InvariantCulture), kv.Similarity(f[1], f[2]), 2e-6);
            else
            {
                var (word, score) = kv.MostSimilar(f[1], 5)[int.Parse(f[2], CultureInfo.InvariantCulture) - 1];
                Assert.Equal(f[3], word);
                Assert.Equal(double.Parse(f[4], CultureInfo.InvariantCulture), score, 2e-6);
            }
        }
    }

    [Fact]
    public void SaveWritesTheStrictTextFormatAndLoadsBackExactly()
    {
        var kv = new KeyedVectors(["x", "y's", "z"], [0.1f, -2.5e-7f, 3f, float.Epsilon, -0f, 123456.79f], 2);
        var path = Path.Combine(Path.GetTempPath(), $"kv-{Guid.NewGuid():N}.txt");
        try
        {
            kv.SaveWord2VecFormat(path);
            var lines = File.ReadAllText(path).Split('\n');
            // gensim's reader: "count size" header, then "word v1 ... vN" split on single spaces; a final newline.
            Assert.Equal("3 2", lines[0]);
            Assert.Equal(5, lines.Length);
            Assert.Equal("", lines[4]);
            Assert.All(lines[1..4], l => Assert.Equal(3, l.Split(' ').Length));
            Assert.StartsWith("y's ", lines[2]);
            var back = KeyedVectors.LoadWord2VecFormat(path);
            Assert.Equal(kv.Words, back.Words);
            for (var i = 0; i < kv.Count; i++) Assert.Equal(kv.Row(i).ToArray(), back.Row(i).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadsWord2VecCsTrailingSpaces()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kv-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "2 3\nfoo 1.000000 2.000000 3.000000 \nbar -1 0 0.5 \n");
            var kv = KeyedVectors.LoadWord2VecFormat(path);
            Assert.Equal([1f, 2f, 3f], kv.GetVector("foo"));
            Assert.Equal([-1f, 0f, 0.5f], kv.GetVector("bar"));
            File.WriteAllText(path, "2 3\nfoo 1 2 3\n");
            Assert.Throws<InvalidDataException>(() => KeyedVectors.LoadWord2VecFormat(path));
            File.WriteAllText(path, "1 3\nfoo 1 2\n");
            Assert.Throws<InvalidDataException>(() => KeyedVectors.LoadWord2VecFormat(path));
            // A header promising 2e9 x 1000 values: rejected at once (before the fix: a 16 GB allocation, then OverflowException).
            File.WriteAllText(path, "2000000000 1000\nfoo 1 2\n");
            var huge = Assert.Throws<InvalidDataException>(() => KeyedVectors.LoadWord2VecFormat(path));
            Assert.Contains(path, huge.Message);
            // nan and inf alike are refused (before: nan accepted, inf rejected).
            foreach (var bad in new[] { "nan", "NaN", "inf", "Infinity", "-Infinity" })
            {
                File.WriteAllText(path, $"1 3\nfoo 1 {bad} 3\n");
                Assert.Contains("not a finite number", Assert.Throws<InvalidDataException>(() => KeyedVectors.LoadWord2VecFormat(path)).Message);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RejectsUnknownWordsAndBadShapes()
    {
        var kv = Square();
        Assert.Equal("word2", Assert.Throws<ArgumentException>(() => kv.Similarity("a", "nope")).ParamName);
        Assert.Equal("word", Assert.Throws<ArgumentException>(() => kv.MostSimilar("nope")).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => kv.MostSimilar("a", 0)).ParamName);
        Assert.Equal("vectors", Assert.Throws<ArgumentException>(() => new KeyedVectors(["a"], [1f, 2f, 3f], 2)).ParamName);
        Assert.Equal("words", Assert.Throws<ArgumentException>(() => new KeyedVectors(["a b"], [1f, 2f], 2)).ParamName);
        Assert.Equal("words", Assert.Throws<ArgumentException>(() => new KeyedVectors(["a", "a"], [1f, 2f, 3f, 4f], 2)).ParamName);
    }
}
