using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter09Word2VecTests(CurriculumFixture curriculum)
{
    private static readonly Regex Probe = new(@"(skip-gram|CBOW)\s*: related pairs: mean cosine ([\d.-]+) \(n=(\d+)\); random pairs: ([\d.-]+) \(n=\d+\); AUC ([\d.]+)");

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void RelatedPairsAreMoreSimilarThanRandomPairs()
    {
        var text = curriculum.Load("09-word2vec.ipynb").AllText;
        var probes = Probe.Matches(text).ToDictionary(m => m.Groups[1].Value);
        Assert.Equal(2, probes.Count);
        foreach (var m in probes.Values)
        {
            Assert.Equal("58", m.Groups[3].Value);
            Assert.True(D(m.Groups[2].Value) > D(m.Groups[4].Value) + 0.2, m.Value);
            Assert.InRange(D(m.Groups[5].Value), 0.85, 1.0);
        }
        Assert.InRange(D(probes["skip-gram"].Groups[5].Value), 0.93, 1.0);
    }

    [Fact]
    public void TrainingConvergesAndNeighboursMakeSense()
    {
        var text = curriculum.Load("09-word2vec.ipynb").AllText;
        var losses = Regex.Matches(text, @"epoch (\d)/5: loss ([\d.]+)").Select(m => D(m.Groups[2].Value)).ToList();
        Assert.Equal(10, losses.Count); // skip-gram and CBOW, 5 epochs each
        Assert.True(losses[4] < losses[0] && losses[9] < losses[5], string.Join(", ", losses));
        Assert.Matches(@"three\s+\|[^|]*\b(two|four|five|six)\b", text);
        // "flatten near 2.3-2.4": the last epoch's loss of both models.
        Assert.InRange(losses[4], 2.2, 2.5);
        Assert.InRange(losses[9], 2.2, 2.5);
        // The neighbours the prose names (skip-gram column; one thread, so every run trains the same vectors).
        string SkipGram(string word) => Regex.Match(text, @"^" + word + @"\s+\|([^|]*)\|", RegexOptions.Multiline).Groups[1].Value;
        foreach (var (word, expected) in new[] { ("white", new[] { "red", "blue", "black" }), ("eyes", new[] { "lips", "hair", "face" }),
                                                 ("said", new[] { "replied", "told" }), ("church", new[] { "concert", "opera" }),
                                                 ("money", new[] { "care", "advice" }), ("city", new[] { "yankees", "kansas" }) })
            Assert.All(expected, w => Assert.Contains(w + " ", SkipGram(word)));
        // Subsampling: "the" keeps about 14%, rank 100 on always kept, about 70% of the tokens per epoch.
        Assert.Matches(@"\nthe\s+[\d,]+\s+[\d.]+ ?%\s+0\.14\d", text);
        Assert.Matches(@"\nbefore\s+[\d,]+\s+[\d.]+ ?%\s+1\.000", text);
        Assert.Matches(@"expected tokens kept per epoch: [\d,]+ of [\d,]+ \(7[01] ?%\)", text);
        Assert.Matches(@"neighbours of 'friday' after loading: \w*day", text);
    }

    [Fact]
    public void WordGroupsClusterAndTheNumbersLieInOrder()
    {
        var text = curriculum.Load("09-word2vec.ipynb").AllText;
        var groups = Regex.Matches(text, @"^(numbers|days|family|colours|speech verbs)\s+mean cosine within the group ([\d.-]+), with the other groups' words ([\d.-]+)", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Within: D(m.Groups[2].Value), Others: D(m.Groups[3].Value)));
        Assert.Equal(5, groups.Count);
        Assert.All(groups, g => Assert.True(g.Value.Within > g.Value.Others + 0.25, $"{g.Key}: {g.Value}"));
        Assert.Equal("days", groups.MaxBy(g => g.Value.Within).Key);
        var order = Regex.Match(text, @"numbers along the first principal component: ([a-z ]+)\n").Groups[1].Value.Split(' ');
        Assert.Equal(8, order.Length);
        // The component's sign is arbitrary: two and three at one end, seven, eight and ten at the other.
        var ends = order.Take(3).ToHashSet().SetEquals(["seven", "eight", "ten"]) ? order[^2..] : order[..2];
        Assert.True(ends.ToHashSet().SetEquals(["two", "three"]), string.Join(" ", order));
        Assert.True(order[..3].ToHashSet().SetEquals(["seven", "eight", "ten"]) || order[^3..].ToHashSet().SetEquals(["seven", "eight", "ten"]), string.Join(" ", order));
    }

    [Fact]
    public void VectorsRoundTripThroughTheWord2VecTextFormat()
    {
        var text = curriculum.Load("09-word2vec.ipynb").AllText;
        Assert.Contains("first line \"14221 100\"", text);
        Assert.Contains("largest difference from the trained vectors: 0\n", text);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "09-word2vec-loss.png")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "09-word-map.png")));
    }
}
