using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter22MetricsTests(CurriculumFixture curriculum)
{
    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private string Text => curriculum.Load("22-metrics.ipynb").AllText;

    [Fact]
    public void ForcingPredictionsPositiveCostsPrecisionButNotRecall()
    {
        var text = Text;
        var row = @"\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)";
        var before = Regex.Match(text, "model" + row);
        var after = Regex.Match(text, "first 20 forced to 1" + row);
        Assert.True(before.Success && after.Success, "before/after table not printed");
        // More false positives, no more false negatives.
        Assert.True(int.Parse(after.Groups[2].Value) > int.Parse(before.Groups[2].Value));
        Assert.True(int.Parse(after.Groups[3].Value) <= int.Parse(before.Groups[3].Value));
        // Precision falls, recall does not, F1 falls.
        Assert.True(Number(after.Groups[5].Value) < Number(before.Groups[5].Value));
        Assert.True(Number(after.Groups[6].Value) >= Number(before.Groups[6].Value));
        Assert.True(Number(after.Groups[7].Value) < Number(before.Groups[7].Value));
        // The real classifier is good before the edit.
        Assert.InRange(Number(before.Groups[8].Value), 0.93, 1.0);
    }

    [Fact]
    public void ReproducesThePrimersRankingExamples()
    {
        var text = Text;
        foreach (var line in new[] { "P@1 = 1.00", "P@2 = 0.50", "P@3 = 0.33", "P@4 = 0.50", "P@5 = 0.40" })
            Assert.Contains(line, text);
        Assert.Contains("AP@5 (RetrievedRelevant) = 0.750", text);   // the primer's worked answer
        Assert.Contains("AP@5 (MinKRelevant) = 0.500", text);        // the common definition
        Assert.Contains("AP@5 (Relevant) = 0.500", text);
        // Hand-computed in the notebook's prose: MAP (0.5 + 0.25 + 1) / 3, MRR (1 + 0.25 + 1) / 3, NDCG (0.671 + 0.431 + 1) / 3.
        Assert.Contains("MAP@5 = 0.583, MRR = 0.750, mean NDCG@5 = 0.701", text);
    }

    [Fact]
    public void CurvesAndThresholdExplorerShowTheTradeOff()
    {
        var nb = curriculum.Load("22-metrics.ipynb");
        var auc = Regex.Match(nb.AllText, @"ROC AUC: 30 measurements ([\d.]+), 2 measurements ([\d.]+)");
        Assert.True(auc.Success, "AUCs not printed");
        double full = Number(auc.Groups[1].Value), two = Number(auc.Groups[2].Value);
        Assert.InRange(full, 0.95, 1.0);
        Assert.InRange(two, 0.6, full);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "precision-recall-roc-example.png")),
            "img/precision-recall-roc-example.png not written");

        // The plain walk (sort by score, count TP/FP, one point per run of ties) equals the library's curve point for point;
        // some of the 108 test predictions share a score, so there are at most as many thresholds as predictions.
        var walk = Regex.Match(nb.AllText, @"(\d+) thresholds from (\d+) predictions; the plain walk equals Metrics\.PrecisionRecallCurve: True");
        Assert.True(walk.Success, "the plain precision-recall walk does not match the library");
        Assert.Equal(108, int.Parse(walk.Groups[2].Value));
        Assert.InRange(int.Parse(walk.Groups[1].Value), 2, 108);

        // The threshold is chosen on out-of-fold training scores (all 461 training tumours), then the test set is scored once.
        var chosen = Regex.Match(nb.AllText, @"chosen on (\d+) out-of-fold training predictions: threshold ([\d.]+) \(out-of-fold F1 ([\d.]+)\)");
        var atHalf = Regex.Match(nb.AllText, @"test tumours at the default 0\.50: precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+)");
        var atChosen = Regex.Match(nb.AllText, @"test tumours at the chosen ([\d.]+): precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+)");
        Assert.True(chosen.Success && atHalf.Success && atChosen.Success, "threshold explorer numbers not printed");
        Assert.Equal(569 - 108, int.Parse(chosen.Groups[1].Value));
        Assert.Equal(chosen.Groups[2].Value, atChosen.Groups[1].Value);
        Assert.True(Number(chosen.Groups[2].Value) < 0.5, "a lower threshold should help the weak model's recall");
        // Prose: recall doubles at the same precision and F1 rises from about 0.5 to about 0.75.
        Assert.True(Number(atChosen.Groups[3].Value) >= 1.9 * Number(atHalf.Groups[2].Value));
        Assert.Equal(Number(atHalf.Groups[1].Value), Number(atChosen.Groups[2].Value), 2);
        Assert.True(Number(atChosen.Groups[4].Value) > Number(atHalf.Groups[3].Value) + 0.2);
        Assert.Contains(nb.Html, h => h.Contains("Plotly.newPlot") && h.Contains("\"recall\""));
    }
}
