using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter07CbowTests(CurriculumFixture curriculum)
{
    private static double Number(string text, string pattern)
    {
        var m = Regex.Match(text, pattern);
        Assert.True(m.Success, $"'{pattern}' not found in the notebook's output");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void PrimerFixedCbowPredictsTheExpectedWords()
    {
        var text = curriculum.Load("07-cbow.ipynb").AllText;
        // The test sentence "hello world": context [world] -> hello (2 of 3 training targets), [hello] -> world.
        Assert.Contains("Predicted words (hand-written CBOW): hello world", text);
        Assert.Contains("Predicted words (nn.Module CBOW): hello world", text);
        // Lowest possible summed cross-entropy on the 8 examples: 2 * -(2 ln 2/3 + ln 1/3) + 2 ln 2 = 5.206.
        Assert.InRange(Number(text, @"epoch 1000: summed cross-entropy ([\d.]+)"), 5.206, 5.3);
        Assert.InRange(Number(text, @"epoch 1000: mean cross-entropy ([\d.]+)"), 5.206 / 8, 5.3 / 8);
        // The notebook computes the same floor from the counted frequencies and charts both losses against it.
        Assert.InRange(Number(text, @"lowest possible summed cross-entropy on the 8 examples: ([\d.]+)"), 5.205, 5.207);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "07-cbow-loss.png")), "img/07-cbow-loss.png not written");
    }

    [Fact]
    public void HandWrittenGradientsMatchAutograd()
    {
        var text = curriculum.Load("07-cbow.ipynb").AllText;
        Assert.InRange(Number(text, @"for W1: ([\d.E+-]+)"), 0, 1e-4);
        Assert.InRange(Number(text, @"for W2: ([\d.E+-]+)"), 0, 1e-4);
    }

    [Fact]
    public void PaddedContextsOfDifferentLengthsTrain()
    {
        var text = curriculum.Load("07-cbow.ipynb").AllText;
        Assert.Contains("context lengths: 2 words x12, 3 words x12, 4 words x10", text);
        Assert.Contains("context [the, cat, on, the] -> sat", text);
        Assert.Contains("context [a, cat, a, mouse] -> chased", text);
    }
}
