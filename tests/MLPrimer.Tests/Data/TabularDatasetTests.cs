using Microsoft.Data.Analysis;
using MLPrimer.Data;
using Xunit;

namespace MLPrimer.Tests.Data;

public class TabularDatasetTests
{
    private static TabularDataset Tiny() =>
        new("tiny", [[1f, 2f], [3f, 4f], [5f, 6f]], [0, 1, 1], ["a", "b"], ["no", "yes"]);

    [Fact]
    public void ToDataFrameHasFeatureColumnsPlusLabel()
    {
        var frame = Datasets.Iris().ToDataFrame();
        Assert.Equal(150, frame.Rows.Count);
        Assert.Equal(5, frame.Columns.Count);
        Assert.IsType<SingleDataFrameColumn>(frame.Columns["sepal length (cm)"]);
        Assert.Equal(5.1f, frame.Columns["sepal length (cm)"][0]);
        Assert.Equal(2, frame.Columns["label"][149]);
    }

    [Fact]
    public void ToDataFrameRejectsLabelNameClashes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tiny().ToDataFrame("a"));
        Assert.Equal("labelColumn", ex.ParamName);
        Assert.Equal("y", Tiny().ToDataFrame("y").Columns[2].Name);
    }

    [Fact]
    public void FlattenFeaturesIsRowMajor()
    {
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], Tiny().FlattenFeatures());
        var digits = Datasets.Digits();
        var flat = digits.FlattenFeatures();
        Assert.Equal(1797 * 64, flat.Length);
        Assert.Equal(digits.Features[5][7], flat[5 * 64 + 7]);
    }

    [Fact]
    public void SummaryAndCounts()
    {
        var tiny = Tiny();
        Assert.Equal(3, tiny.Count);
        Assert.Equal([1, 2], tiny.ClassCounts());
        Assert.Equal("tiny: 3 x 2, 2 classes", tiny.ToString());
    }

    [Fact]
    public void ConstructorNamesTheBadArgument()
    {
        Assert.Equal("labels", Assert.Throws<ArgumentException>(
            () => new TabularDataset("t", [[1f]], [0, 0], ["a"], ["c"])).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(
            () => new TabularDataset("t", [[1f, 2f]], [0], ["a"], ["c"])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(
            () => new TabularDataset("t", [[1f]], [3], ["a"], ["c"])).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(
            () => new TabularDataset("", [[1f]], [0], ["a"], ["c"])).ParamName);
        Assert.Equal("featureNames", Assert.Throws<ArgumentNullException>(
            () => new TabularDataset("t", [[1f]], [0], null!, ["c"])).ParamName);
    }
}
