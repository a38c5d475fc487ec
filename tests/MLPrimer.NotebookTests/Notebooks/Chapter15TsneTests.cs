using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter15TsneTests(CurriculumFixture curriculum)
{
    private static double Number(Match m, int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void PerplexityCalibrationHitsItsTargets()
    {
        var text = curriculum.Load("15-tsne.ipynb").AllText;
        foreach (var target in new[] { 5, 30, 50 })
        {
            var m = Regex.Match(text, $@"perplexity\s+{target}: σ = ([\d.]+), 2\^H = ([\d.]+)");
            Assert.True(m.Success, $"calibration for perplexity {target} not printed");
            Assert.Equal(target, Number(m, 2), 3);
            // Between about the perplexity and twice it carry 90% of the mass, and all of them are ones.
            var mass = Regex.Match(text, $@"perplexity\s+{target}: .*90% of the mass on\s+(\d+) neighbours, (\d+) of them also labelled 1");
            Assert.True(mass.Success, $"neighbour count for perplexity {target} not printed");
            Assert.InRange(Number(mass, 1), target, 2 * target);
            Assert.Equal(Number(mass, 1), Number(mass, 2));
        }
    }

    [Fact]
    public void TheDigitsMapIsTrustworthyAndBeatsPca()
    {
        var nb = curriculum.Load("15-tsne.ipynb");
        Assert.Empty(nb.Errors);
        var text = nb.AllText;
        // Progress every 50 iterations, then the final figures.
        Assert.Equal(20, Regex.Matches(text, @"\[t-SNE\] iteration\s+\d+: KL divergence").Count);
        var result = Regex.Match(text, @"KL divergence = ([\d.]+), trustworthiness \(k = 5\) = ([\d.]+)");
        Assert.True(result.Success, "KL divergence and trustworthiness not printed");
        Assert.InRange(Number(result, 1), 0.6, 0.9);      // scikit-learn reaches about 0.76 on the same data
        Assert.InRange(Number(result, 2), 0.99, 1.0);
        var pca = Regex.Match(text, @"PCA  : trustworthiness = ([\d.]+), nearest-neighbour label agreement = ([\d.]+)");
        var tsne = Regex.Match(text, @"t-SNE: trustworthiness = ([\d.]+), nearest-neighbour label agreement = ([\d.]+)");
        Assert.True(pca.Success && tsne.Success, "PCA comparison not printed");
        Assert.InRange(Number(pca, 1), 0.75, 0.9);
        Assert.InRange(1 - Number(pca, 2), 0.40, 0.42);    // "41% of the points have a nearest neighbour of another digit"
        Assert.True(Number(tsne, 2) > 0.95 && Number(pca, 2) < 0.7, "t-SNE should keep labels together far better than PCA");
        // About 1% of the images sit among another digit, most often 8s among the 1s and 4s or 3s among the 7s.
        var misfits = Regex.Match(text, @"(\d+) images sit among another digit: (.+)");
        Assert.True(misfits.Success, "misplaced images not counted");
        Assert.InRange(Number(misfits, 1), 10, 40);
        var top = misfits.Groups[2].Value.Split(", ").Take(3).ToArray();
        Assert.Contains(top, t => t.EndsWith("8 among 1s"));
        Assert.Contains(top, t => t.EndsWith("4 among 7s") || t.EndsWith("3 among 7s"));
    }

    [Fact]
    public void EveryPerplexityAndTheSmallSampleGiveFaithfulMaps()
    {
        var text = curriculum.Load("15-tsne.ipynb").AllText;
        var runs = Regex.Matches(text, @"^perplexity\s+(\d+): trustworthiness = ([\d.]+), nearest-neighbour label agreement = ([\d.]+)", RegexOptions.Multiline);
        Assert.Equal(["5", "30", "50"], runs.Select(m => m.Groups[1].Value));
        Assert.All(runs, m => Assert.InRange(Number(m, 2), 0.98, 1.0));
        var small = Regex.Match(text, @"first 100 images, perplexity 30: trustworthiness = ([\d.]+), nearest-neighbour label agreement = ([\d.]+)");
        Assert.True(small.Success, "the primer's 100-image setting was not run");
        Assert.InRange(Number(small, 1), 0.9, 1.0);
    }

    [Fact]
    public void ImagesAreSavedUnderThePrimersNames()
    {
        var nb = curriculum.Load("15-tsne.ipynb");
        foreach (var name in new[] { "single_mnist_image.png", "tsne.png", "15-tsne-perplexity.png" })
        {
            var path = Path.Combine(RepoPaths.Root, "img", name);
            Assert.True(File.Exists(path) && new FileInfo(path).Length > 2_000, $"{path} missing or empty");
        }
        // The interactive map carries each point's label in its hover text.
        Assert.Contains(nb.Html, h => h.Contains("Plotly.newPlot") && h.Contains("image 1: label 1"));
    }
}
