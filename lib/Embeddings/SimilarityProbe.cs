using MLPrimer.Evaluation;

namespace MLPrimer.Embeddings;

/// <summary>Result of <see cref="SimilarityProbe.Evaluate"/>: cosine of related pairs versus the same words paired at random.</summary>
/// <param name="RelatedMean">Mean cosine similarity of the related pairs found in the vectors.</param>
/// <param name="RandomMean">Mean cosine similarity of the random pairs.</param>
/// <param name="Auc">Probability that a related pair scores higher than a random pair (0.5 = no better than chance, ties count half).</param>
/// <param name="RelatedPairs">Related pairs with both words in the vocabulary.</param>
/// <param name="RandomPairs">Random pairs scored.</param>
public sealed record SimilarityProbeResult(double RelatedMean, double RandomMean, double Auc, int RelatedPairs, int RandomPairs)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"related pairs: mean cosine {RelatedMean:F3} (n={RelatedPairs}); random pairs: {RandomMean:F3} (n={RandomPairs}); AUC {Auc:F3}";
}

/// <summary>A quick check of word vectors without a benchmark download: do hand-picked related words sit closer than random pairings of the same words?</summary>
public static class SimilarityProbe
{
    /// <summary>Hand-picked related pairs (same kind of thing: family words, days, months, numbers, colours, places, verbs…), each word seen at least 25 times in the Brown corpus.</summary>
    public static IReadOnlyList<(string A, string B)> RelatedPairs { get; } = Parse(
        "man woman|men women|boy girl|father mother|husband wife|son daughter|king queen|he she|him her|" +
        "monday tuesday|friday saturday|january february|march april|june july|morning evening|day night|week month|summer winter|" +
        "two three|three four|five six|seven eight|ten twenty|hundred thousand|first second|" +
        "red blue|black white|green yellow|large small|long short|high low|hot cold|good bad|" +
        "city town|road street|river lake|table chair|door window|army soldiers|school college|student students|book books|" +
        "england france|british english|french germany|russia soviet|" +
        "said told|say tell|think believe|looked saw|went came|give gave|take took|buy sell|began started|quickly slowly|always never|many few");

    /// <summary>Scores the related pairs and <paramref name="randomPairs"/> random pairs drawn from the same words (so word frequency is the same on both sides).</summary>
    public static SimilarityProbeResult Evaluate(KeyedVectors vectors, int randomPairs = 2000, int seed = 0, IReadOnlyList<(string A, string B)>? related = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (randomPairs < 1) throw new ArgumentException($"randomPairs must be at least 1, not {randomPairs}.", nameof(randomPairs));
        related ??= RelatedPairs;
        var found = related.Where(p => vectors.Contains(p.A) && vectors.Contains(p.B)).ToList();
        if (found.Count < 2) throw new ArgumentException($"at least 2 related pairs must be in the vocabulary; found {found.Count}.", nameof(vectors));
        var pool = found.SelectMany(p => new[] { p.A, p.B }).Distinct().ToArray();
        var listed = new HashSet<(string, string)>(found.SelectMany(p => new[] { (p.A, p.B), (p.B, p.A) }));
        // Ordered pairs of distinct words minus the listed ones: when none is left (the related pairs connect every
        // word to every other, as a-b, b-c, a-c do), rejection sampling below would never finish.
        if ((long)pool.Length * (pool.Length - 1) <= listed.Count(p => p.Item1 != p.Item2))
            throw new ArgumentException($"the related pairs found cover every pairing of their {pool.Length} words, so no unrelated pair can be drawn; add pairs with other words.", nameof(related));
        var rng = new Random(seed);
        var randomScores = new List<double>(randomPairs);
        while (randomScores.Count < randomPairs)
        {
            string a = pool[rng.Next(pool.Length)], b = pool[rng.Next(pool.Length)];
            if (a != b && !listed.Contains((a, b))) randomScores.Add(vectors.Similarity(a, b));
        }
        var relatedScores = found.Select(p => vectors.Similarity(p.A, p.B)).ToList();
        return new SimilarityProbeResult(relatedScores.Average(), randomScores.Average(),
            Auc(relatedScores, randomScores), relatedScores.Count, randomScores.Count);
    }

    /// <summary>P(x &gt; y) + P(x = y)/2 for x from <paramref name="positives"/>, y from <paramref name="negatives"/>: ROC AUC with the positives labelled 1.</summary>
    internal static double Auc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        var labels = positives.Select(_ => 1).Concat(negatives.Select(_ => 0)).ToArray();
        var scores = positives.Concat(negatives).ToArray();
        return Metrics.RocAuc(labels, scores);
    }

    private static IReadOnlyList<(string, string)> Parse(string pairs) =>
        pairs.Split('|').Select(p => p.Split(' ')).Select(p => (p[0], p[1])).ToArray();
}
