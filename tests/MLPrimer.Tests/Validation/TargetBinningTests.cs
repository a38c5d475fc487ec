using MLPrimer.Validation;

namespace MLPrimer.Tests.Validation;

/// <summary>Equal-width, right-closed bins as pandas' pd.cut(values, bins) makes them (expected values by hand).</summary>
public class TargetBinningTests
{
    [Fact]
    public void EdgesAreEqualWidthWithTheLowestMovedDownByATenthOfAPercent()
    {
        // min 0, max 10, 5 bins: edges 0, 2, 4, 6, 8, 10, and 0 - 0.001 * 10 = -0.01.
        Assert.Equal(new[] { -0.01, 2, 4, 6, 8, 10 }, TargetBinning.Edges([0, 10, 3], 5));
    }

    [Fact]
    public void BinsAreRightClosed()
    {
        // (-0.01, 2] holds 0, 1, 2; (2, 4] holds 3, 4; ... (8, 10] holds 9, 10.
        double[] values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 }, TargetBinning.Cut(values, 5));
    }

    [Fact]
    public void ConstantValuesGetARangeAroundThem()
    {
        // pandas widens [3, 3] to [2.997, 3.003]; two bins (2.997, 3], (3, 3.003]: 3 falls in the first.
        var edges = TargetBinning.Edges([3.0, 3.0, 3.0], 2);
        Assert.Equal(2.997, edges[0], 12);
        Assert.Equal(3.0, edges[1], 12);
        Assert.Equal(3.003, edges[2], 12);
        Assert.Equal(new[] { 0, 0, 0 }, TargetBinning.Cut([3.0, 3.0, 3.0], 2));
    }

    [Fact]
    public void BinnedTargetCanBeStratified()
    {
        var target = Enumerable.Range(0, 50).Select(i => Math.Sqrt(i)).ToArray();
        var bins = TargetBinning.Cut(target, 5);
        var folds = new StratifiedKFold(5, shuffle: true, seed: 42).Split(bins).ToArray();
        var binSizes = Enumerable.Range(0, 5).Select(b => bins.Count(x => x == b)).ToArray();
        foreach (var fold in folds)
            for (var b = 0; b < 5; b++)
                Assert.InRange(fold.Test.Count(i => bins[i] == b), binSizes[b] / 5, (binSizes[b] + 4) / 5);
    }
}
