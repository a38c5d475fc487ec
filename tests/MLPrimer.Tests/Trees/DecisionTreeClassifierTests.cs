using MLPrimer.Data;
using MLPrimer.Tests.Validation;
using MLPrimer.Trees;

namespace MLPrimer.Tests.Trees;

public class DecisionTreeClassifierTests
{
    public static TheoryData<int> WineDepths => ValidationReference.Indices("wine_trees");

    /// <summary>scikit-learn's trees on a fixed 124/54 split of wine (Validation/reference/make_reference.py): same root split,
    /// shape, training accuracy and test predictions at every depth limit.</summary>
    [Fact]
    public void MatchesScikitLearnOnWine()
    {
        var reference = ValidationReference.Section("wine_trees");
        var wine = Datasets.Wine();
        var train = ValidationReference.Ints(reference.GetProperty("train"));
        var testRows = ValidationReference.Ints(reference.GetProperty("test")).Select(i => wine.Features[i]).ToArray();
        var trainX = train.Select(i => wine.Features[i]).ToArray();
        var trainY = train.Select(i => wine.Labels[i]).ToArray();
        foreach (var c in reference.GetProperty("trees").EnumerateArray())
        {
            int? maxDepth = c.GetProperty("max_depth").ValueKind == System.Text.Json.JsonValueKind.Null ? null : c.GetProperty("max_depth").GetInt32();
            var tree = new DecisionTreeClassifier(maxDepth).Fit(wine.Features, wine.Labels, train);
            Assert.Equal(c.GetProperty("root_feature").GetInt32(), tree.RootSplit!.Value.Feature);
            Assert.Equal(c.GetProperty("root_threshold").GetDouble(), tree.RootSplit!.Value.Threshold, 12);
            Assert.Equal(c.GetProperty("depth").GetInt32(), tree.Depth);
            Assert.Equal(c.GetProperty("leaves").GetInt32(), tree.LeafCount);
            Assert.Equal(c.GetProperty("train_accuracy").GetDouble(), tree.Score(trainX, trainY), 12);
            Assert.Equal(ValidationReference.Ints(c.GetProperty("test_predictions")), tree.Predict(testRows));
        }
    }

    [Fact]
    public void SplitsAtTheMidpointThatMinimisesGini()
    {
        // x = 1, 2, 3, 10, 11 with labels 0, 0, 0, 1, 1: the pure split lies between 3 and 10, at 6.5.
        float[][] x = [[1], [2], [3], [10], [11]];
        var tree = new DecisionTreeClassifier(maxDepth: 1).Fit(x, [0, 0, 0, 1, 1]);
        Assert.Equal((0, 6.5), tree.RootSplit);
        Assert.Equal(new[] { 0, 1 }, tree.Predict([[6.5f], [6.6f]]));
        Assert.Equal(1, tree.Depth);
        Assert.Equal(2, tree.LeafCount);
    }

    [Fact]
    public void BootstrapRowsMayRepeat()
    {
        float[][] x = [[0], [1], [2], [3]];
        // Only rows 0 and 3 are used (row 3 three times): one split between 0 and 3, at 1.5.
        var tree = new DecisionTreeClassifier().Fit(x, [0, 0, 1, 1], [0, 3, 3, 3]);
        Assert.Equal((0, 1.5), tree.RootSplit);
        Assert.Equal(new[] { 0.0, 1.0 }, tree.PredictProba([2f]));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Equal("maxDepth", Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier(maxDepth: 0)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier().Fit([[1f], [2f]], [0])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier().Fit([[1f], [2f]], [0, 1], [2])).ParamName);
        Assert.Throws<InvalidOperationException>(() => new DecisionTreeClassifier().Predict([1f]));
    }
}
