using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter08SkipGramTests(CurriculumFixture curriculum)
{
    private static double Number(string text, string pattern)
    {
        var m = Regex.Match(text, pattern);
        Assert.True(m.Success, $"'{pattern}' not found in the notebook's output");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void PrimerFixedSkipGramPredictsWorldAroundHello()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        Assert.Contains("Predicted word for 'hello': world", text);
        // P(world | hello) is 2/3 in the data; the converged softmax should be close.
        Assert.InRange(Number(text, @"\nhello\s+[\d.]+\s+[\d.]+\s+([\d.]+)"), 0.6, 0.72);
    }

    [Fact]
    public void NoiseDistributionFlattensFrequencies()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        // "the": 69,971 of 1,103,152 kept tokens; count^0.75 gives it under a third of that share.
        Assert.InRange(Number(text, @"1 the\s+69,971\s+\S+\s+\S+\s+([\d.]+)"), 0.25, 0.35);
    }

    [Fact]
    public void HuffmanPathsAreShortForFrequentWordsAndNearTheEntropy()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        var language = Regex.Match(text, @"this chapter's language\s+51\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)");
        var brown = Regex.Match(text, @"Brown, min_count 5\s+14,221\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)");
        Assert.True(language.Success && brown.Success, "path table not printed");
        // Groups: entropy, mean path, longest, log2 V. Shannon's bound for a Huffman code: H <= mean path < H + 1.
        double G(Match m, int g) => double.Parse(m.Groups[g + 1].Value, CultureInfo.InvariantCulture);
        foreach (var m in new[] { language, brown })
        {
            Assert.True(G(m, 0) <= G(m, 1) + 0.005, "a prefix code cannot beat the entropy");
            Assert.True(G(m, 1) < G(m, 0) + 1, "a Huffman code is within one bit of the entropy");
        }
        Assert.InRange(G(language, 1), 4.5, 5.0);                     // "about 4.8 decisions"
        Assert.InRange(G(brown, 1), 9.3, 9.9);                        // "about 9.6 on Brown"
        Assert.True(G(brown, 1) < G(brown, 3), "the mean path is below log2 V");
        Assert.Contains("the word with the shortest path in the language: the (2 turns", text);
        Assert.Contains("a rare one, madrid: 8 turns", text);
    }

    [Fact]
    public void TheHarderProbeSeparatesTheThreeObjectives()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        var rows = Regex.Matches(text, @"\n\s*(\d+)\s+([\d.]+) %\s+([\d.]+) %\s+([\d.]+) %")
            .Select(m => m.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(0, rows[0][0]);
        Assert.All(rows[0].Skip(1), r => Assert.InRange(r, 5, 25));   // chance: 5 of 35 class-mates, about 14 %
        int FirstFull(int column) => (int)rows.First(r => r[column] >= 99.9)[0];
        // Hierarchical softmax (column 3) first, within 100 steps; negative sampling (2) next; the full softmax (1) last.
        Assert.True(FirstFull(3) <= 100);
        Assert.True(FirstFull(3) < FirstFull(2), "hierarchical before negative sampling");
        Assert.True(rows.Single(r => r[0] == 200)[1] < 90, "the full softmax is far from 100 % at step 200");
        Assert.True(rows.Single(r => r[0] == 500)[2] >= 99.9, "negative sampling within a few hundred steps");
        Assert.All(rows[^1].Skip(1), r => Assert.True(r >= 95));
        var nearest200 = Regex.Match(text, @"at step 200: full softmax (\d+) %");
        Assert.True(nearest200.Success && int.Parse(nearest200.Groups[1].Value) < 100);
        // The two softmaxes minimise the same −log P(c | w) and end at nearly the same value.
        var loss = Regex.Matches(text, @"(full softmax|hierarchical softmax): \d+ steps in [\d.]+ s \(([\d.]+) ms per step\).*?last-epoch loss ([\d.]+), nearest-neighbour class accuracy (\d+) ?%")
            .ToDictionary(m => m.Groups[1].Value, m => m);
        Assert.Equal(2, loss.Count);
        double L(string name) => double.Parse(loss[name].Groups[3].Value, CultureInfo.InvariantCulture);
        Assert.InRange(L("hierarchical softmax") - L("full softmax"), -0.1, 0.1);
        Assert.All(loss.Values, m => Assert.Equal("100", m.Groups[4].Value));
        var nsMs = Number(text, @"negative sampling: \d+ steps in [\d.]+ s \(([\d.]+) ms per step\)");
        double Ms(string name) => double.Parse(loss[name].Groups[2].Value, CultureInfo.InvariantCulture);
        var perStep = new[] { Ms("full softmax"), nsMs, Ms("hierarchical softmax") };
        Assert.True(perStep.Max() < 4 * perStep.Min(), "at 51 words the three steps take times of the same order");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "08-objectives-learning-curves.png")));
    }

    [Fact]
    public void HierarchicalSoftmaxIsADistributionAndNegativeSamplingIsNot()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        var hs = Regex.Match(text, @"Σ_c P\(c \| w\) over the 51 words lies in \[([\d.]+), ([\d.]+)\]");
        Assert.True(hs.Success);
        Assert.InRange(double.Parse(hs.Groups[1].Value, CultureInfo.InvariantCulture), 0.9999, 1.0001);
        Assert.InRange(double.Parse(hs.Groups[2].Value, CultureInfo.InvariantCulture), 0.9999, 1.0001);
        var ns = Regex.Match(text, @"Σ_c σ\(u_c · v_w\) lies in \[([\d.]+), ([\d.]+)\]");
        Assert.True(ns.Success);
        Assert.InRange(double.Parse(ns.Groups[1].Value, CultureInfo.InvariantCulture), 1.5, 3);   // "from about 2"
        Assert.InRange(double.Parse(ns.Groups[2].Value, CultureInfo.InvariantCulture), 6, 10);    // "to about 8"
    }

    [Fact]
    public void TheFullSoftmaxStepGrowsWithTheVocabularyAndTheOthersDoNot()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        var rows = Regex.Matches(text, @"\n\s*([\d,]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+[\d.]+x\s+[\d.]+x")
            .Select(m => m.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value.Replace(",", ""), CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal([51.0, 1_000, 10_000, 100_000], rows.Select(r => r[0]));
        var (small, large) = (rows[0], rows[^1]);
        Assert.True(small[2] < 1.5 * Math.Min(small[3], small[4]), "at 51 words the softmax is as cheap as the others");
        Assert.True(large[2] > 100 * large[3] && large[2] > 100 * large[4], "at 100,000 words: hundreds of times the others");
        Assert.True(large[2] > 200, "hundreds of milliseconds or more per step at 100,000 words");
        for (var i = 1; i < rows.Length; i++) Assert.True(rows[i][2] > rows[i - 1][2], "the softmax step grows with V");
        Assert.True(large[3] < 10 * small[3] + 5 && large[4] < 10 * small[4] + 5, "near a millisecond at every size");
        Assert.InRange(small[1], 4.5, 5.0);
        Assert.InRange(large[1], 11, 12);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "08-step-cost-vs-vocabulary.png")));
    }

    [Fact]
    public void NegativeSamplingRecoversTheWordClasses()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        // Six classes of six words: chance for the nearest class word to share the class is 5/35 = 14%.
        Assert.InRange(Number(text, @"negative sampling: \d+ steps .*nearest-neighbour class accuracy ([\d.]+) ?%"), 90, 100);
        Assert.InRange(Number(text, @"full softmax: \d+ steps .*nearest-neighbour class accuracy ([\d.]+) ?%"), 90, 100);
        Assert.Contains("scores per example 6", text);
        // The neighbours: one class is one tight cluster, and "orange" sits between foods and colours.
        Assert.InRange(Number(text, @"orange   -> \w+ ([\d.]+)"), 0.65, 0.85);
        Assert.InRange(Number(text, @"orange vs the colours: yellow ([\d.]+)"), 0.5, 0.8);
        Assert.InRange(Number(text, @"vs an unrelated class: cat ([\d.]+)"), 0.1, 0.45);
    }
}
