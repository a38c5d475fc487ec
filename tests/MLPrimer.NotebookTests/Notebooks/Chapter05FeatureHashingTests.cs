using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter05FeatureHashingTests(CurriculumFixture curriculum)
{
    private static double Percent(string s) => double.Parse(s, CultureInfo.InvariantCulture) / 100;

    [Fact]
    public void HashesLikeScikitLearnAndRunsThePrimerExamples()
    {
        var text = curriculum.Load("05-feature-hashing.ipynb").AllText;
        // Values scikit-learn 1.2.1 produced (Features/reference/hashing_reference.json).
        Assert.Contains("murmurhash3 = -1599434706 (scikit-learn: -1599434706) -> column |h| mod 20 = 6, sign -1", text);
        Assert.Contains("identical to scikit-learn: True", text);
        // The plain loop (one map per row) gives the library's matrix on every spam message.
        Assert.Contains("plain loop and FeatureHasher.Transform agree on all 6,046 messages at 2^10 columns: True", text);
        Assert.Contains("shape: (3, 20)", text);
        // Column 6 is one bin for two different features: color=red (-1) in row 0 and shape=triangle (+1) in row 1.
        Assert.Contains("[ 0  0  0  0  0  0 -1  1  0  0  0  0  0  0  0  0  0  0  0  0]", text);
        Assert.Contains("[ 0  0  1  0  0  0  1  0  0  0  0  0  0  0  0  0  0  0  0  0]", text);
        // The primer's CTR example: one test row, so the accuracy is 0 or 1 (here 0, as in scikit-learn).
        Assert.Matches(@"test row 1 \(user2, no click\): P\(click\) = 0\.\d+, predicted click, accuracy = 0\.0", text);
    }

    [Fact]
    public void SpamAccuracyIsHighAtLargeWidthsAndCollisionsFallWithWidth()
    {
        var text = curriculum.Load("05-feature-hashing.ipynb").AllText;
        var runs = Regex.Matches(text,
            @"n_features = 2\^(\d+).*?all tokens\s+([\d.]+) % \(uniform\s+([\d.]+) %\), top 1,000\s+([\d.]+) % \(uniform\s+([\d.]+) %\);\s+test accuracy ([\d.]+), ROC-AUC ([\d.]+)");
        Assert.Equal(9, runs.Count);
        double Value(Match m, int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        var widest = runs[^1];
        Assert.Equal("20", widest.Groups[1].Value);
        Assert.True(Value(widest, 6) > 0.9, "spam accuracy at 2^20 columns");
        Assert.True(Value(widest, 7) > 0.95, "spam ROC-AUC at 2^20 columns");
        // Collisions never rise with the width and fall from 100% to well below it; the measured rate follows the
        // uniform-hash formula 1 - (1 - 1/n)^(V-1) within 2 points.
        for (int i = 1; i < runs.Count; i++)
        {
            Assert.True(Value(runs[i], 2) <= Value(runs[i - 1], 2));
            Assert.True(Value(runs[i], 4) <= Value(runs[i - 1], 4));
        }
        Assert.True(Percent(widest.Groups[2].Value) < 0.6 && Percent(runs[0].Groups[2].Value) == 1.0);
        Assert.True(Percent(widest.Groups[4].Value) < 0.01);
        foreach (Match m in runs)
        {
            Assert.InRange(Value(m, 2) - Value(m, 3), -2, 2);
            Assert.InRange(Value(m, 4) - Value(m, 5), -2, 2);
        }
        // "From 2^12 to 2^20 columns it stays within one point of its best (about 0.98)".
        var accuracies = runs.Select(m => Value(m, 6)).ToArray();
        Assert.InRange(accuracies.Max(), 0.975, 0.985);
        Assert.All(accuracies[4..], a => Assert.True(a >= accuracies.Max() - 0.01, $"accuracy {a} at 2^12 or wider"));
        // The times in brackets are printed for orientation; the prose makes no claim about them (a timed pass on a
        // shared machine is not a benchmark), so only their presence is checked.
        var seconds = Regex.Matches(text, @"n_features = 2\^\d+.*\[([\d.]+) s\]").Select(m => Value(m, 1)).ToArray();
        Assert.Equal(9, seconds.Length);
        // Accuracy degrades only at small widths.
        Assert.True(Value(runs[0], 6) < Value(widest, 6) - 0.1, "16 columns should cost accuracy");
        foreach (var name in new[] { "05-spam-accuracy-vs-n-features.png", "05-collision-rate.png" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", name)), $"img/{name} not written");
    }
}
