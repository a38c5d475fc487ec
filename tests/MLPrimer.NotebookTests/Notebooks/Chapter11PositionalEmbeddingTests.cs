using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter11PositionalEmbeddingTests(CurriculumFixture curriculum)
{
    [Fact]
    public void OrderBlindModelsStayAtChanceAndPositionsSolveTheTask()
    {
        var text = curriculum.Load("11-positional-embedding.ipynb").AllText;
        var accuracy = Regex.Matches(text, @"\n(bag|bag \+ positions|attention|attention \+ sinusoidal|attention \+ learned)\s+test accuracy ([\d.]+) ?%")
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(5, accuracy.Count);
        // Each sorted sequence has a shuffled partner with the same tokens: an order-blind model scores exactly 50%.
        Assert.Equal(50.0, accuracy["bag"]);
        Assert.Equal(50.0, accuracy["bag + positions"]);
        Assert.Equal(50.0, accuracy["attention"]);
        Assert.InRange(accuracy["attention + sinusoidal"], 90, 100);
        Assert.InRange(accuracy["attention + learned"], 90, 100);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "11-sorted-task-accuracy.png")));
    }

    [Fact]
    public void LearnedPositionsAreDistinctWithoutAFallOffWithDistance()
    {
        var text = curriculum.Load("11-positional-embedding.ipynb").AllText;
        var block = text[text.IndexOf("cosine similarity of learned position vectors:", StringComparison.Ordinal)..];
        var rows = Regex.Matches(block, @"^\s+(\d)((?:\s+-?\d\.\d\d){8})\s*$", RegexOptions.Multiline).Take(8)
            .Select(m => m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(8, rows.Length);
        var offDiagonal = from i in Enumerable.Range(0, 8) from j in Enumerable.Range(0, 8) where i != j select (Distance: Math.Abs(i - j), Cosine: rows[i][j]);
        // "within ±0.5": eight clearly different vectors.
        Assert.All(offDiagonal, p => Assert.InRange(p.Cosine, -0.5, 0.5));
        // "no fall-off with distance": neighbours are not more alike than positions 4 or more apart (sinusoidal ones would be).
        var near = offDiagonal.Where(p => p.Distance == 1).Average(p => p.Cosine);
        var far = offDiagonal.Where(p => p.Distance >= 4).Average(p => p.Cosine);
        Assert.True(near - far < 0.25, $"distance 1: {near:F2}, distance >= 4: {far:F2}");
    }

    [Fact]
    public void SinusoidalDotProductsDependOnlyOnDistance()
    {
        var text = curriculum.Load("11-positional-embedding.ipynb").AllText;
        var near = Regex.Match(text, @"PE\(5\)·PE\(8\) = ([\d.]+), PE\(40\)·PE\(43\) = ([\d.]+)");
        var far = Regex.Match(text, @"PE\(5\)·PE\(20\) = ([\d.]+), PE\(40\)·PE\(55\) = ([\d.]+)");
        Assert.True(near.Success && far.Success);
        Assert.Equal(near.Groups[1].Value, near.Groups[2].Value);
        Assert.Equal(far.Groups[1].Value, far.Groups[2].Value);
        Assert.True(double.Parse(near.Groups[1].Value, CultureInfo.InvariantCulture) > double.Parse(far.Groups[1].Value, CultureInfo.InvariantCulture));
        // "from dimension 40 on no value changes by more than 0.2 ... dimension 0 swings through its whole range".
        var change = Regex.Match(text, @"dimension 0 ([\d.]+), largest in dimensions 40-63 ([\d.]+)");
        Assert.True(change.Success);
        Assert.InRange(double.Parse(change.Groups[1].Value, CultureInfo.InvariantCulture), 1.95, 2.0);
        Assert.True(double.Parse(change.Groups[2].Value, CultureInfo.InvariantCulture) < 0.2, change.Value);
        foreach (var png in new[] { "11-sinusoidal-encoding.png", "11-sinusoidal-similarity.png", "11-learned-positions.png" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", png)), png);
    }
}
