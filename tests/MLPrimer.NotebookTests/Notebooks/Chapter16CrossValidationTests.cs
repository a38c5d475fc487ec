using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter16CrossValidationTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("16-cross-validation.ipynb").AllText;

    [Fact]
    public void OverfittingDemoShowsTheTrainTestGap()
    {
        var text = Text;
        var (best, depth, grown) = Numbers(text, @"best test accuracy ([\d.]+) at max depth (\d+); the tree stops growing at depth (\d+)") switch
        { var n => (n[0], (int)n[1], (int)n[2]) };
        Assert.InRange(best, 0.85, 1.0);          // a shallow tree generalises well on wine
        Assert.InRange(depth, 2, 5);
        Assert.True(grown > depth, "the fully grown tree should be deeper than the best one");
        // At depth 7 the tree fits every training wine but not every test wine.
        var row = Numbers(text, @"\n\s+7\s+\d+\s+([\d.]+)\s+([\d.]+)\n");
        Assert.Equal(1.0, row[0]);
        Assert.True(row[1] < 0.99);
        AssertChart(text, "overfitting-demo.png");
    }

    [Fact]
    public void NoisyLabelsMakeDeepTreesWorse()
    {
        var n = Numbers(Text, @"best test accuracy ([\d.]+) at max depth \d+; fully grown: train ([\d.]+), test ([\d.]+)");
        Assert.Equal(1.0, n[1]);                  // the full tree memorises the flipped labels
        Assert.True(n[2] < n[0] - 0.1, $"fully grown {n[2]} vs best {n[0]}");
        AssertChart(Text, "16-overfitting-noisy.png");
    }

    [Fact]
    public void FoldColumnIsWrittenOutsideData()
    {
        Assert.Contains("wrote output/train_folds.csv: 150 rows, rows per fold: 30, 30, 30, 30, 30", Text);
        var csv = File.ReadAllLines(Path.Combine(RepoPaths.Notebooks, "output", "train_folds.csv"));
        Assert.Equal(151, csv.Length);
        Assert.EndsWith(",target,kfold", csv[0]);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(f => Enumerable.Repeat(f.ToString(), 30)), csv.Skip(1).Select(l => l.Split(',')[^1]));
    }

    [Fact]
    public void StratificationFixesSortedAndSkewedLabels()
    {
        var text = Text;
        Assert.Contains("KFold(3)            fold accuracies: 0.00  0.00  0.00", text);
        Assert.All(Numbers(text, @"StratifiedKFold\(3\)  fold accuracies: ([\d.]+)  ([\d.]+)  ([\d.]+)"), a => Assert.InRange(a, 0.85, 1.0));
        var plain = Numbers(text, @"KFold:           (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)%");
        var stratified = Numbers(text, @"StratifiedKFold: (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)% (\d+)%");
        Assert.All(stratified, s => Assert.Equal(10, s));
        Assert.True(plain.Max() - plain.Min() >= 8, "plain k-fold should scatter the malignant share");
        AssertChart(text, "16-fold-class-proportions.png");
    }

    [Fact]
    public void BinnedRegressionTargetSteadiesTheFolds()
    {
        var plain = Number(Text, @"KFold\(5, shuffled\)\s+fold means [\d. ]+spread ([\d.]+)");
        var binned = Number(Text, @"StratifiedKFold\(5\) on log bins\s+fold means [\d. ]+spread ([\d.]+)");
        Assert.True(binned < plain, $"binned spread {binned} vs plain {plain}");
    }

    [Fact]
    public void GroupKFoldRemovesTheLeak()
    {
        var leaky = Numbers(Text, @"KFold:      accuracy ([\d.]+), patients in train and test of fold 0: (\d+)");
        var grouped = Numbers(Text, @"GroupKFold: accuracy ([\d.]+), patients in train and test of fold 0: (\d+)");
        Assert.True(leaky[0] >= 0.95 && leaky[1] > 0);
        Assert.True(grouped[0] <= 0.75);
        Assert.Equal(0, grouped[1]);
    }

    [Fact]
    public void NestedCrossValidationRemovesTheOptimismOfChoosingOnTheScoringFolds()
    {
        var text = Text;
        var wine = Numbers(text, @"wine labels    : plain CV ([\d.]+), nested CV ([\d.]+), plain above nested in (\d+) of 10");
        var noise = Numbers(text, @"shuffled labels: plain CV ([\d.]+), nested CV ([\d.]+), plain above nested in (\d+) of 10");
        var chance = Number(text, @"largest class: ([\d.]+) of the wines");
        // The prose: plain CV is optimistic on wine (about a point) and on shuffled labels, in most shuffles.
        Assert.InRange(wine[0] - wine[1], 0.003, 0.02);
        Assert.True(wine[2] >= 6, $"plain above nested in only {wine[2]} of 10 shuffles on wine");
        Assert.True(noise[2] >= 8, $"plain above nested in only {noise[2]} of 10 shuffles on shuffled labels");
        // On shuffled labels plain CV beats the largest-class rate, nested CV does not.
        Assert.True(noise[0] > chance + 0.015, $"plain {noise[0]} vs chance {chance}");
        Assert.True(noise[1] <= chance + 0.005, $"nested {noise[1]} vs chance {chance}");
        Assert.InRange(wine[1], 0.85, 0.95);
        Assert.Equal(4, Number(text, @"depth for the model to deploy, chosen by 5-fold CV on all 178 wines: (\d+)"));
        // Every depth from 3 up scores within about a point of the best.
        var byDepth = Numbers(text, @"by depth: 1: ([\d.]+), 2: ([\d.]+), 3: ([\d.]+), 4: ([\d.]+), 5: ([\d.]+), 6: ([\d.]+), 7: ([\d.]+), 8: ([\d.]+)");
        Assert.Equal(byDepth.Max(), byDepth[3]);
        Assert.All(byDepth[2..], a => Assert.InRange(a, byDepth.Max() - 0.012, byDepth.Max()));
        Assert.True(byDepth[1] < byDepth.Max() - 0.05, "depth 2 should be clearly worse");
        // The inner folds mostly chose depth 3 or 4 on wine.
        var chosen = Regex.Matches(Regex.Match(text, @"wine labels    : .*").Value, @"(\d)×(\d+)").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        Assert.True(chosen.GetValueOrDefault("3") + chosen.GetValueOrDefault("4") > 25, "depths 3 and 4 should dominate the inner choices");
    }

    [Fact]
    public void LeaveOneOutAndTimeSeriesSplitsArePrinted()
    {
        var text = Text;
        Assert.InRange(Number(text, @"178 fits, accuracy ([\d.]+)  \(leave-one-out\)"), 0.8, 1.0);
        // The three estimates agree within two points.
        var estimates = Regex.Matches(text, @"fits, accuracy ([\d.]+)  \(").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, estimates.Length);
        Assert.True(estimates.Max() - estimates.Min() <= 0.02, string.Join(", ", estimates));
        Assert.Contains("split 4: train rows 0-96, test rows 100-119", text);
        AssertChart(text, "16-time-series-split.png");
    }
}
