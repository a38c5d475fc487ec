using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter10CoTrainedEmbeddingsTests(CurriculumFixture curriculum)
{
    private static readonly Regex Rates = new(@"image->text top-1 ([\d.]+) ?%, top-5 ([\d.]+) ?%; text->image top-1 ([\d.]+) ?%, top-5 ([\d.]+) ?%");

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static double[] Parse(Match m) => Enumerable.Range(1, 4).Select(i => double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void RetrievalIsFarAboveTheRandomBaseline()
    {
        var text = curriculum.Load("10-co-trained-embeddings.ipynb").AllText;
        var baseline = Parse(Rates.Match(text[text.IndexOf("random baseline", StringComparison.Ordinal)..]));
        // Ten roughly balanced digits: random top-1 is about 10%, top-5 about 41%.
        Assert.InRange(baseline[0], 7, 14);
        Assert.InRange(baseline[1], 35, 50);
        var final = Parse(Rates.Match(text[text.IndexOf("epoch 40:", StringComparison.Ordinal)..]));
        Assert.InRange(final[0], 80, 100); // image -> text top-1
        Assert.InRange(final[2], 80, 100); // text -> image top-1
        Assert.True(final[0] > baseline[0] + 50 && final[2] > baseline[2] + 50);
        // Prose: text -> image reaches 100%; image -> text top-5 adds almost nothing over top-1; the 539 test captions are 70 strings.
        Assert.Equal(100.0, final[2]);
        Assert.InRange(final[1] - final[0], 0, 3);
        Assert.Contains("the 539 test captions are 70 distinct strings", text);
        // The loss ends below the log 13 = 2.56 floor of a digit-only model, and test retrieval no longer improves after epoch 20.
        var losses = Regex.Matches(text, @"epoch +(\d+): loss ([\d.]+)").ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => D(m.Groups[2].Value));
        Assert.InRange(losses[40], 1.8, 2.2);
        var epoch20 = Parse(Rates.Match(text[text.IndexOf("epoch 20:", StringComparison.Ordinal)..]));
        Assert.True(final[0] <= epoch20[0] + 1, $"image->text top-1 at 20: {epoch20[0]}, at 40: {final[0]}");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "10-co-trained-retrieval.png")));
    }

    [Fact]
    public void NumberWordsMeetTheirNumerals()
    {
        var text = curriculum.Load("10-co-trained-embeddings.ipynb").AllText;
        var m = Regex.Match(text, @"the right one: (\d+) of 10");
        Assert.True(m.Success);
        Assert.InRange(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 8, 10);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "10-word-numeral-similarity.png")));
        // The prose reads the diagonal as lit up: its mean cosine is well above the off-diagonal mean.
        var cosines = Regex.Match(text, @"mean cosine on the diagonal ([\d.-]+), off the diagonal ([\d.-]+)");
        Assert.True(D(cosines.Groups[1].Value) > D(cosines.Groups[2].Value) + 0.2, cosines.Value);
        // "nearly all of the 60 images are right".
        var gallery = Regex.Match(text, @"show the digit named in the query: (\d+) of 60");
        Assert.True(gallery.Success);
        Assert.InRange(int.Parse(gallery.Groups[1].Value, CultureInfo.InvariantCulture), 55, 60);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "10-retrieval-gallery.png")));
    }
}
