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
    public void LeaveOneOutAndTimeSeriesSplitsArePrinted()
    {
        var text = Text;
        Assert.InRange(Number(text, @"178 fits, accuracy ([\d.]+)  \(leave-one-out\)"), 0.8, 1.0);
        Assert.Contains("split 4: train rows 0-96, test rows 100-119", text);
        AssertChart(text, "16-time-series-split.png");
    }
}
