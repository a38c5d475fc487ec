using MLPrimer.Validation;

namespace MLPrimer.Tests.Validation;

/// <summary>Bad input fails at the boundary with an ArgumentException naming the parameter.</summary>
public class ArgumentTests
{
    private static void Fails(string parameter, Action action)
    {
        var e = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void FewerThanTwoFoldsIsRejected()
    {
        Fails("nSplits", () => new KFold(1));
        Fails("nSplits", () => new StratifiedKFold(0));
        Fails("nSplits", () => new GroupKFold(1));
        Fails("nSplits", () => new TimeSeriesSplit(1));
    }

    [Fact]
    public void MoreFoldsThanRowsIsRejected()
    {
        Fails("count", () => new KFold(5).Split(3).ToList());
        Fails("labels", () => new StratifiedKFold(5).Split(new[] { 0, 1, 0 }).ToList());
        Fails("count", () => new TimeSeriesSplit(5).Split(5).ToList());
    }

    [Fact]
    public void EmptyDataIsRejected()
    {
        Fails("count", () => new KFold().Split(0).ToList());
        Fails("labels.Count", () => new StratifiedKFold().Split(Array.Empty<int>()).ToList());
        Fails("groups.Count", () => new GroupKFold().Split(Array.Empty<string>()).ToList());
        Fails("count", () => new LeaveOneOut().Split(0).ToList());
        Fails("count", () => TrainTestSplit.Split(0));
        Fails("values", () => TargetBinning.Cut(Array.Empty<double>(), 3));
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        Fails("stratify", () => TrainTestSplit.Split(10, new[] { 0, 0, 0, 0, 1, 1, 1, 1, 1 })); // 9 labels for 10 rows
    }

    [Fact]
    public void SplitterSpecificRules()
    {
        Fails("seed", () => new KFold(3, shuffle: false, seed: 1));
        Fails("labels", () => new StratifiedKFold(4).Split(new[] { 0, 0, 0, 1, 1, 1 }).ToList()); // no class has 4 rows
        Fails("groups", () => new GroupKFold(3).Split(new[] { "a", "a", "b" }).ToList());         // 2 groups for 3 folds
        Fails("count", () => new LeaveOneOut().Split(1).ToList());
        Fails("count", () => new TimeSeriesSplit(3, testSize: 3).Split(9).ToList());          // 3 x 3 test rows leave no training row
        Fails("gap", () => new TimeSeriesSplit(3, gap: -1));
        Fails("testSize", () => TrainTestSplit.Split(10, testSize: 1.0));
        Fails("testSize", () => TrainTestSplit.Split(10, testSize: 0));
        Fails("stratify", () => TrainTestSplit.Split(4, new[] { 0, 0, 0, 1 }));                // class 1 has one row
        Fails("bins", () => TargetBinning.Cut([1.0, 2.0], 0));
        Fails("values", () => TargetBinning.Cut([1.0, double.NaN], 2));
    }
}
