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
        // The weight moves onto the points near the boundary: a sixth of the points end up with most of it.
        var share = Numbers(text, @"(\d+) of 150 points lie within 0.3 of the boundary; their share of the total weight: start (\d+)%, after round 3 (\d+)%, after round 30 (\d+)%");
        Assert.True(share[1] < share[2] && share[2] < share[3], "the boundary's share should grow");
        Assert.InRange(share[3], 55, 75);
        Assert.InRange(share[0], 20, 30);
        var ada = Numbers(text, @"AdaBoost: 1 stump ([\d.]+), 100 stumps ([\d.]+)");
        Assert.True(ada[1] > ada[0]);
        Assert.InRange(Number(text, @"FastTree, 100 trees: test accuracy ([\d.]+)"), 0.95, 0.975);   // "0.96"
        Assert.InRange(Number(text, @"FastTree,   1 trees: test accuracy ([\d.]+)"), 0.925, 0.935);   // "0.93"
        Assert.True(Number(text, @"FastTree,  30 trees: test accuracy ([\d.]+)") > Number(text, @"FastTree, 100 trees: test accuracy ([\d.]+)"));
        Assert.InRange(ada[0], 0.895, 0.905);
        Assert.InRange(ada[1], 0.965, 0.975);
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

    [Fact]
    public void AnOverfittingBaseModelMakesTheInSampleStackWorseOnTest()
    {
        var text = Text;
        var inSampleBase = Numbers(text, @"in-sample, training rows\s+([\d.]+)\s+([\d.]+)");
        var outOfFoldBase = Numbers(text, @"out-of-fold, training rows\s+([\d.]+)\s+([\d.]+)");
        var testBase = Numbers(text, @"test rows\s+([\d.]+)\s+([\d.]+)");
        Assert.Equal(1.0, inSampleBase[0]);                       // the deep tree memorises its rows
        Assert.True(inSampleBase[1] < 1.0);
        Assert.True(outOfFoldBase[0] < outOfFoldBase[1], "out of fold, the tree should look worse than the logistic regression");
        Assert.True(testBase[0] < testBase[1], "on test, the tree should be the worse base model");
        const string Stack = @"weights tree\s+([\d.-]+), logistic\s+([\d.-]+); sides with the tree on (\d+) of the (\d+) test tumours where they disagree; test accuracy ([\d.]+)";
        var leaky = Numbers(text, "stacking, in-sample   meta-features: " + Stack);
        var honest = Numbers(text, "stacking, out-of-fold meta-features: " + Stack);
        Assert.True(leaky[0] > leaky[1] && honest[0] < honest[1], "the meta-model's trust should turn from the tree to the logistic regression");
        Assert.True(leaky[3] > 0);
        Assert.Equal(leaky[3], leaky[2]);                         // the leaky stack follows the tree every time
        Assert.Equal(0, honest[2]);                               // the honest one never
        Assert.True(leaky[4] < honest[4] - 0.02, $"in-sample stack {leaky[4]} vs out-of-fold stack {honest[4]}");
        Assert.Equal(testBase[0], leaky[4], 3);
        Assert.Equal(testBase[1], honest[4], 3);
    }
}
