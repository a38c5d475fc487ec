using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter17EnsemblesTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("17-ensembles.ipynb").AllText;

    [Fact]
    public void BaggingBeatsASingleTree()
    {
        var single = Number(Text, @"one tree on all training rows: test accuracy ([\d.]+)");
        var bagged = Number(Text, @"bagged, 40 trees: test accuracy ([\d.]+)");
        Assert.InRange(single, 0.7, 0.92);
        Assert.True(bagged > single + 0.05, $"bagged {bagged} vs single {single}");
        AssertChart(Text, "17-bagging.png");
    }

    [Fact]
    public void AdaBoostWeightsAndAccuracy()
    {
        var text = Text;
        Assert.Contains("library AdaBoostClassifier gives the same weights: True", text);
        var staged = Numbers(text, @"training accuracy after 1, 3, 10, 30 stumps: ([\d.]+), ([\d.]+), ([\d.]+), ([\d.]+)");
        Assert.True(staged[3] > staged[0] + 0.1);
        var ada = Numbers(text, @"AdaBoost: 1 stump ([\d.]+), 100 stumps ([\d.]+)");
        Assert.True(ada[1] > ada[0]);
        Assert.InRange(Number(text, @"FastTree, 100 trees: test accuracy ([\d.]+)"), 0.93, 1.0);
        AssertChart(text, "17-adaboost-weights.png");
    }

    [Fact]
    public void StackingIsScoredBothWays()
    {
        var text = Text;
        var inSample = Numbers(text, @"stacking, in-sample \(primer\): accuracy ([\d.]+), macro recall ([\d.]+), macro F1 ([\d.]+); meta-model's own training accuracy ([\d.]+)");
        var outOfFold = Numbers(text, @"stacking, out-of-fold       : accuracy ([\d.]+), macro recall ([\d.]+), macro F1 ([\d.]+); meta-model's own training accuracy ([\d.]+)");
        Assert.All(inSample.Take(3).Concat(outOfFold.Take(3)), v => Assert.InRange(v, 0.8, 1.0));
        // The leak: the in-sample meta-model believes it is perfect; the out-of-fold one does not.
        Assert.Equal(1.0, inSample[3]);
        Assert.True(outOfFold[3] < 1.0);
    }
}
