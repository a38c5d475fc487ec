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
    public void NegativeSamplingRecoversTheWordClasses()
    {
        var text = curriculum.Load("08-skip-gram.ipynb").AllText;
        // Six classes of six words: chance for the nearest class word to share the class is 5/35 = 14%.
        Assert.InRange(Number(text, @"epoch 5: mean loss [\d.]+, nearest-neighbour class accuracy ([\d.]+) ?%"), 90, 100);
        Assert.InRange(Number(text, @"full softmax: nearest-neighbour class accuracy ([\d.]+) ?%"), 90, 100);
        Assert.Contains("scores per example 6", text);
    }
}
