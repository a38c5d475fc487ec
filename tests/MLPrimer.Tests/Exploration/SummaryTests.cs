using Microsoft.Data.Analysis;
using MLPrimer.Data;
using MLPrimer.Exploration;

namespace MLPrimer.Tests.Exploration;

public class SummaryTests
{
    [Fact]
    public void DescribeSkipsMissingValuesAndMatchesTheStatistics()
    {
        var a = new DoubleDataFrameColumn("a", [1, 2, null, 3, 4, 10, double.NaN]);
        var b = new Int32DataFrameColumn("b", [5, 5, 5, 6, 7, 8, 9]);
        var label = new StringDataFrameColumn("label", ["x", "y", "x", "y", "x", "y", "x"]);
        var described = Summary.Describe(new DataFrame(a, b, label));

        Assert.Equal(["feature", .. Summary.Statistics], described.Columns.Select(c => c.Name));
        Assert.Equal(["a", "b"], ((StringDataFrameColumn)described["feature"]).Cast<string>());
        double Stat(string column, string name) => (double)described[name][column == "a" ? 0 : 1]!;
        // Column a without its null and NaN is 1, 2, 3, 4, 10 (see DescriptiveTests.HandCalculatedValues).
        Assert.Equal(5, Stat("a", "count"));
        Assert.Equal(2, Stat("a", "missing"));
        Assert.Equal(4, Stat("a", "mean"), 12);
        Assert.Equal(Math.Sqrt(12.5), Stat("a", "std"), 12);
        Assert.Equal(2, Stat("a", "25%"), 12);
        Assert.Equal(10, Stat("a", "max"), 12);
        Assert.Equal(Descriptive.Skewness([1, 2, 3, 4, 10], bias: false), Stat("a", "skewness"), 12);
        Assert.Equal(7, Stat("b", "count"));
        Assert.Equal(6, Stat("b", "50%"), 12);
    }

    [Fact]
    public void MissingCountsCountNullsAndNaN()
    {
        var frame = new DataFrame(
            new SingleDataFrameColumn("f", [1f, float.NaN, 3f]),
            new StringDataFrameColumn("s", ["a", null, null]));
        var counts = Summary.MissingCounts(frame);
        Assert.Equal(1, counts["f"]);
        Assert.Equal(2, counts["s"]);
    }

    [Fact]
    public void WineDescriptionHasTheKnownAlcoholMean()
    {
        // Mean alcohol of the wine data is 13.0006 (numpy; see the reference file).
        var described = Summary.Describe(Datasets.Wine().ToDataFrame(), decimals: 4);
        Assert.Equal("alcohol", described["feature"][0]);
        Assert.Equal(13.0006, (double)described["mean"][0]!);
        Assert.Equal("label", described["feature"][13]);
        Assert.Equal(178, (double)described["count"][13]!);
        Assert.Equal("decimals", Assert.Throws<ArgumentException>(() => Summary.Describe(described, decimals: -1)).ParamName);
    }

    [Fact]
    public void NonNumericInputIsRejected()
    {
        var frame = new DataFrame(new StringDataFrameColumn("s", ["a"]));
        Assert.Equal("frame", Assert.Throws<ArgumentException>(() => Summary.Describe(frame)).ParamName);
        Assert.Equal("column", Assert.Throws<ArgumentException>(() => Summary.Values(frame["s"])).ParamName);
    }
}
