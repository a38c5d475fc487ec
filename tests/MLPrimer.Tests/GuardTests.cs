namespace MLPrimer.Tests;

/// <summary>The shared argument checks: each failure has the documented type, blames the argument, and says the value and where.</summary>
public class GuardTests
{
    private static ArgumentException Refused(Action call, string parameter, params string[] fragments)
    {
        var e = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        foreach (var fragment in fragments) Assert.Contains(fragment, e.Message);
        return e;
    }

    [Fact]
    public void ValidArgumentsPassAndReturnWhatTheyPromise()
    {
        Guard.Paired(2, "a", 2, "b");
        Guard.Sample([1.0, 2.0], "x", minimum: 2);
        Guard.Probabilities([0.0, 0.5, 1.0], "p");
        Guard.Binary([0, 1, 1], "y");
        Guard.Index(2, 3, "arm");
        Assert.Equal(3.0, Guard.Weights([0.0, 1.0, 2.0], "w"));
        Assert.Equal([0.0, 1.0], Guard.Weights(new List<double> { 0, 1 }, "w"));
        Assert.Equal(2, Guard.Rows([[1.0, 2.0], [3.0, 4.0]], "x"));
        Assert.Equal(1, Guard.Rows([[float.PositiveInfinity], [0f]], "x", cells: Guard.Cells.NotNaN));
        Assert.Equal(1, Guard.Rows([[float.NaN], [0f]], "x", cells: Guard.Cells.Any));
        Assert.Equal(4, Guard.Code(4, 5, "codes", "class"));
    }

    [Fact]
    public void LengthFailuresNameBothArguments()
    {
        Refused(() => Guard.NotEmpty(0, "yTrue"), "yTrue", "yTrue must not be empty");
        Refused(() => Guard.SameLength(3, "x", 2, "y"), "y", "x and y", "same length", "3 and 2");
        Refused(() => Guard.MinimumCount(1, 2, "control", "to estimate a variance"), "control", "at least 2", "to estimate a variance", "got 1");
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => Guard.NotEmpty<int>(null, "values")).ParamName);
    }

    [Fact]
    public void SequenceFailuresGiveTheValueAndItsIndex()
    {
        Refused(() => Guard.Finite([1.0, double.NaN], "yScore"), "yScore", "finite", "NaN", "index 1");
        Refused(() => Guard.Finite([0f, 1f, float.PositiveInfinity], "values", "Advice here."), "values", "index 2", "Advice here.");
        Refused(() => Guard.Probabilities([0.5, 1.5], "yProb"), "yProb", "[0, 1]", "1.5", "index 1");
        Refused(() => Guard.Binary([0, 2], "yTrue"), "yTrue", "0 and 1", "found 2 at index 1");
        Refused(() => Guard.Weights([1.0, -1.0], "p"), "p", "≥ 0", "-1", "index 1");
        Refused(() => Guard.Weights([0.0, 0.0], "p"), "p", "zero");
        Refused(() => Guard.NoNullItems(["a", null], "groups"), "groups", "groups[1] is null");
        Refused(() => Guard.Distinct([3, 1, 3], "labels", "a label"), "labels", "repeat a label", "3 appears twice");
        Refused(() => Guard.Code(7, 3, "current", "category"), "current", "category 7", "0..2");
    }

    [Fact]
    public void TableFailuresSayWhichRow()
    {
        Refused(() => Guard.Rows(Array.Empty<double[]>(), "x"), "x", "at least 1 row");
        Refused(() => Guard.Rows([[1.0], [2.0]], "x", minimumRows: 3), "x", "at least 3 row", "got 2");
        Refused(() => Guard.Rows([[1.0, 2.0], [3.0]], "data"), "data", "ragged", "row 1 has 1", "row 0 has 2");
        Refused(() => Guard.Rows([[1.0], null!], "data"), "data", "row 1");
        Refused(() => Guard.Rows([Array.Empty<float>()], "data"), "data", "at least one column");
        Refused(() => Guard.Rows([[1f, 2f], [3f, float.NaN]], "data"), "data", "row 1", "column 1", "NaN");
        Refused(() => Guard.Rows([[1f, float.NegativeInfinity]], "data"), "data", "row 0", "column 1", "finite");
        Refused(() => Guard.Rows([[float.NaN]], "features", cells: Guard.Cells.NotNaN), "features", "not NaN");
        Refused(() => Guard.LabelledRows([[1f], [2f]], [0, -1]), "labels", "labels[1] is -1");
        Refused(() => Guard.LabelledRows([[1f], [2f]], [0]), "labels", "same length");
    }

    [Fact]
    public void ScalarFailuresGiveTheValueAndTheRule()
    {
        Refused(() => Guard.AtLeast(0, 1, "arms"), "arms", "at least 1", "got 0");
        Refused(() => Guard.FoldCount(1), "nSplits", "at least 2", "nothing to test on");
        Refused(() => Guard.SampleCount(0), "count", "no data to split");
        Refused(() => Guard.FoldsFit(5, 3, "labels"), "labels", "5 folds from 3 samples");
        Refused(() => Guard.SeedNeedsShuffle(false, 1), "seed", "shuffle");
        Refused(() => Guard.SampleLabels(Array.Empty<string>(), "groups"), "groups.Count", "no data to split");
        Refused(() => Guard.Index(3, 3, "arm"), "arm", "between 0 and 2", "got 3");
        Refused(() => Guard.Finite(double.NaN, "reward"), "reward", "finite", "NaN");
        Refused(() => Guard.Positive(0, "alpha"), "alpha", "positive", "got 0");
        Refused(() => Guard.OpenUnitInterval(1, "power"), "power", "strictly between 0 and 1", "got 1");
        Refused(() => Guard.UnitInterval(-0.1, "reward", "for a Beta–Bernoulli model"), "reward", "[0, 1] for a Beta–Bernoulli model", "-0.1");
        var k = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.AtLeastOne(0, "k"));
        Assert.Equal("k", k.ParamName);
        Assert.Contains("at least 1", k.Message);
    }
}
