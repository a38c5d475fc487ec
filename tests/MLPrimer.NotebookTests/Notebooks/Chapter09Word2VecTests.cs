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
        Assert.Matches(@"neighbours of 'friday' after loading: \w*day", text);
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
