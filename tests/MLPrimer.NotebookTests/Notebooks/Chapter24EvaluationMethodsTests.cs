using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter24EvaluationMethodsTests(CurriculumFixture curriculum)
{
    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private string Text => curriculum.Load("24-evaluation-methods.ipynb").AllText;

    [Fact]
    public void EachBehaviouralTestPassesOneModelAndFailsAnother()
    {
        var text = Text;
        Assert.Matches(@"model A: perturbation \(noise 0\.1σ, 10 draws\): PASS", text);
        Assert.Matches(@"model C: perturbation \(noise 0\.1σ, 10 draws\): FAIL", text);
        Assert.Matches(@"model D, site swapped: FAIL", text);
        Assert.Matches(@"model A, site swapped: PASS \(0 of", text);
        // "About one tumour in thirteen" flips when only the clinic changes, "by as much as 0.4".
        var site = Regex.Match(text, @"model D, site swapped: FAIL \(\d+ of \d+ cases failed, ([\d.]+) %");
        Assert.InRange(Number(site.Groups[1].Value), 6.0, 10.0);
        Assert.InRange(Number(Regex.Match(text, @"largest score change: ([\d.]+)").Groups[1].Value), 0.3, 0.5);
        // The noise table: the deep trees change more labels than the logistic regression, and the gap widens with the noise.
        var noiseTable = text[text.IndexOf("noise (× feature sd)", StringComparison.Ordinal)..text.IndexOf("site swapped", StringComparison.Ordinal)];
        var noise = Regex.Matches(noiseTable, @"\n(0\.\d+)\s+([\d.]+) %\s+([\d.]+) %").Select(m => Number(m.Groups[3].Value) - Number(m.Groups[2].Value)).ToArray();
        Assert.Equal(4, noise.Length);
        Assert.True(noise.Zip(noise.Skip(1)).All(p => p.Second > p.First) && noise[0] > 0, "the gap should widen with the noise");
        var radius = Regex.Match(text, @"mean radius\s+(pass|FAIL)\s+\(\s*([\d.]+) % down\)\s*(pass|FAIL)\s+\(\s*([\d.]+) % down\)");
        Assert.True(radius.Success, "directional table not printed");
        Assert.Equal("pass", radius.Groups[1].Value);
        Assert.Equal("FAIL", radius.Groups[3].Value);
        Assert.True(Number(radius.Groups[4].Value) > 50, "model B should lower most scores when the radius grows");
        // The weights behind it: B's radius and perimeter weights are negative and cancelled by area; A's L1 keeps them near zero.
        double[] Weights(string model) => [.. Regex.Match(text, $@"model {model} weights: mean radius ([+-][\d.]+), mean perimeter ([+-][\d.]+), mean area ([+-][\d.]+)")
            .Groups.Cast<Group>().Skip(1).Select(g => Number(g.Value))];
        var (a, b) = (Weights("A"), Weights("B"));
        Assert.True(b[0] < 0 && b[1] < 0 && b[2] > 0, $"model B weights {string.Join(", ", b)}");
        Assert.True(Math.Abs(a[0]) < 0.1 && Math.Abs(a[1]) < 0.1 && a[2] > 0.5, $"model A weights {string.Join(", ", a)}");
    }

    [Fact]
    public void CalibrationLowersTheErrorWithoutChangingTheRanking()
    {
        var text = Text;
        var rows = new Dictionary<string, double[]>();
        foreach (var name in new[] { "naive sigmoid(margin)", "Platt scaling", "isotonic regression" })
        {
            var m = Regex.Match(text, Regex.Escape(name) + @"\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
            Assert.True(m.Success, $"calibration row '{name}' not printed");
            rows[name] = [.. Enumerable.Range(1, 4).Select(g => Number(m.Groups[g].Value))];
        }
        var naive = rows["naive sigmoid(margin)"];
        foreach (var calibrated in new[] { rows["Platt scaling"], rows["isotonic regression"] })
        {
            Assert.True(calibrated[0] < naive[0] / 2, "ECE should at least halve");
            Assert.True(calibrated[1] < naive[1], "log loss should fall");
            Assert.Equal(naive[3], calibrated[3], 2); // ROC AUC: a monotone recalibration keeps the ranking
        }
        // Isotonic regression's two stray points are bins with a single test message.
        var counts = Regex.Match(text, @"test messages per bin, isotonic regression: ([\d, ]+)").Groups[1].Value.Split(", ").Select(int.Parse).ToArray();
        Assert.Equal(10, counts.Length);
        Assert.Equal(2, counts.Count(c => c == 1));
        foreach (var image in new[] { "24-reliability-diagram.png", "24-confidence-coverage.png" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", image)), $"img/{image} not written");
    }

    [Fact]
    public void RaisingTheConfidenceThresholdTradesCoverageForAccuracy()
    {
        var text = Text;
        var table = text[text.IndexOf("confidence ≥", StringComparison.Ordinal)..];
        var points = Regex.Matches(table, @"^(0\.\d+)\s+([\d.]+) %\s+([\d.]+) %\s*$", RegexOptions.Multiline)
            .Select(m => (Threshold: Number(m.Groups[1].Value), Coverage: Number(m.Groups[2].Value), Accuracy: Number(m.Groups[3].Value)))
            .ToArray();
        Assert.True(points.Length >= 5, "coverage table not printed");
        Assert.Equal(100.0, points[0].Coverage);
        for (int i = 1; i < points.Length; i++)
        {
            Assert.True(points[i].Coverage <= points[i - 1].Coverage);
            Assert.True(points[i].Accuracy >= points[i - 1].Accuracy);
        }
        Assert.True(points[^1].Accuracy > points[0].Accuracy + 5, "confident predictions should be clearly more accurate");
    }

    [Fact]
    public void TheSliceFinderReportsThePlantedSlice()
    {
        var text = Text;
        Assert.Contains("top slice: client = mailer-c AND reply = yes", text);
        var planted = Regex.Match(text, @"client = mailer-c AND reply = yes \(n = (\d+)\): metric ([\d.]+), gap \+([\d.]+)");
        Assert.True(planted.Success);
        Assert.True(int.Parse(planted.Groups[1].Value) >= 100);   // minSize in the notebook
        Assert.True(Number(planted.Groups[2].Value) < 0.2, "swapped verdicts should leave the slice almost always wrong");
        Assert.InRange(Number(Regex.Match(text, @"spam among the \d+ HTML test messages: (\d+) %").Groups[1].Value), 75, 90);
        // The heuristic slices: hard ham is worse than both easy-ham archives.
        double Slice(string name) => Number(Regex.Match(text, $@"source = {name} \(n = \d+\): metric ([\d.]+)").Groups[1].Value);
        Assert.True(Slice("hard-ham-1") < Slice("easy-ham-1") && Slice("hard-ham-1") < Slice("easy-ham-2"));
    }
}
