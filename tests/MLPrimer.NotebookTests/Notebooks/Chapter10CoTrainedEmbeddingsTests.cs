using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter10CoTrainedEmbeddingsTests(CurriculumFixture curriculum)
{
    private static readonly Regex Rates = new(@"image->text top-1 ([\d.]+) ?%, top-5 ([\d.]+) ?%; text->image top-1 ([\d.]+) ?%, top-5 ([\d.]+) ?%");

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
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "10-retrieval-gallery.png")));
    }
}
