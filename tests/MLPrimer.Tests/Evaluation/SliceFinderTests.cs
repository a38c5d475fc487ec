using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Slice finder on a 12-row table whose slice accuracies are worked out by hand.</summary>
public class SliceFinderTests
{
    // Two attributes crossed in blocks of three rows. Every label is 1; the model misses rows 0 and 1, both in A = x AND B = p.
    //   overall accuracy 10/12 = 0.8333
    //   A = x: rows 0-5, 4/6 = 0.6667 (gap 0.1667)     A = y: rows 6-11, 6/6 = 1 (gap -0.1667)
    //   B = p: rows 0-2, 6-8, 4/6 = 0.6667 (gap 0.1667) B = q: 6/6 = 1 (gap -0.1667)
    //   A = x AND B = p: rows 0-2, 1/3 = 0.3333 (gap 0.5); every other pair is perfect (gap -0.1667).
    private static readonly Dictionary<string, string[]> Attributes = new()
    {
        ["A"] = ["x", "x", "x", "x", "x", "x", "y", "y", "y", "y", "y", "y"],
        ["B"] = ["p", "p", "p", "q", "q", "q", "p", "p", "p", "q", "q", "q"],
    };
    private static readonly int[] YTrue = Enumerable.Repeat(1, 12).ToArray();
    private static readonly int[] YPred = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    private static readonly SliceMetric Accuracy = (t, p) => Metrics.AccuracyScore(t, p);

    [Fact]
    public void EvaluateGivesOneRowPerValue()
    {
        var rows = SliceFinder.Evaluate("A", Attributes["A"], YTrue, YPred, Accuracy);
        Assert.Equal(["A = x", "A = y"], rows.Select(r => r.Description));
        Assert.Equal([6, 6], rows.Select(r => r.Size));
        Assert.Equal(4.0 / 6, rows[0].Metric, 12);
        Assert.Equal(10.0 / 12 - 4.0 / 6, rows[0].Gap, 12);
        Assert.Equal(10.0 / 12 - 1.0, rows[1].Gap, 12);
    }

    [Fact]
    public void FindWorstSurfacesThePlantedCrossFirst()
    {
        var worst = SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, minSize: 3);
        // Only slices worse than overall, the cross first; its perfect siblings are dropped (not worse than their parents).
        Assert.Equal(["A = x AND B = p", "A = x", "B = p"], worst.Select(s => s.Description));
        Assert.Equal(3, worst[0].Size);
        Assert.Equal(1.0 / 3, worst[0].Metric, 12);
        Assert.Equal(0.5, worst[0].Gap, 12);
        Assert.Equal([new SliceCondition("A", "x"), new SliceCondition("B", "p")], worst[0].Conditions);
        Assert.Equal("A = x AND B = p (n = 3): metric 0.333, gap +0.500", worst[0].ToString());
    }

    [Fact]
    public void MinSizeHidesSmallSlices()
    {
        var worst = SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, minSize: 4);
        Assert.Equal(["A = x", "B = p"], worst.Select(s => s.Description));
        Assert.Empty(SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, minSize: 7));
    }

    [Fact]
    public void DepthAndTopLimitTheSearch()
    {
        Assert.Equal(["A = x", "B = p"], SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, minSize: 1, maxDepth: 1).Select(s => s.Description));
        Assert.Equal(["A = x AND B = p"], SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, minSize: 1, top: 1).Select(s => s.Description));
    }

    [Fact]
    public void LowerIsBetterRanksAnErrorRateTheSameWay()
    {
        SliceMetric errorRate = (t, p) => 1 - Metrics.AccuracyScore(t, p);
        var worst = SliceFinder.FindWorst(Attributes, YTrue, YPred, errorRate, minSize: 3, higherIsBetter: false);
        Assert.Equal(["A = x AND B = p", "A = x", "B = p"], worst.Select(s => s.Description));
        Assert.Equal(2.0 / 3 - 2.0 / 12, worst[0].Gap, 12);
    }

    [Fact]
    public void AChildNoWorseThanItsParentIsNotReported()
    {
        // All errors in A = x (rows 0 and 3, one in each B value): A = x has accuracy 4/6; A = x AND B = p and A = x AND B = q each 2/3,
        // the same gap as their parent, so only A = x describes the problem.
        int[] pred = [0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1];
        var worst = SliceFinder.FindWorst(Attributes, YTrue, pred, Accuracy, minSize: 1);
        Assert.Equal(["A = x"], worst.Select(s => s.Description));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Equal("attributes", Assert.Throws<ArgumentException>(() =>
            SliceFinder.FindWorst(new Dictionary<string, string[]>(), YTrue, YPred, Accuracy)).ParamName);
        Assert.Equal("attributes", Assert.Throws<ArgumentException>(() =>
            SliceFinder.FindWorst(new Dictionary<string, string[]> { ["A"] = ["x"] }, YTrue, YPred, Accuracy)).ParamName);
        Assert.Equal("attributes", Assert.Throws<ArgumentException>(() =>
            SliceFinder.FindWorst(new Dictionary<string, string[]> { ["A"] = [.. Attributes["A"][..11], null!] }, YTrue, YPred, Accuracy)).ParamName);
        Assert.Equal("minSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, minSize: 0)).ParamName);
        Assert.Equal("maxDepth", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, maxDepth: 0)).ParamName);
        Assert.Equal("top", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SliceFinder.FindWorst(Attributes, YTrue, YPred, Accuracy, top: 0)).ParamName);
        Assert.Equal("yPred", Assert.Throws<ArgumentException>(() =>
            SliceFinder.FindWorst(Attributes, YTrue, YPred[..5], Accuracy)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() =>
            SliceFinder.Evaluate("A", ["x"], YTrue, YPred, Accuracy)).ParamName);
    }
}
