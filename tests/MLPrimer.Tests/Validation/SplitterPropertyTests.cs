using MLPrimer.Validation;

namespace MLPrimer.Tests.Validation;

/// <summary>Sizes, disjointness, coverage and the per-splitter guarantees, including the shuffled variants.</summary>
public class SplitterPropertyTests
{
    /// <summary>A hold-out split: train and test are disjoint and together are all rows.</summary>
    private static void AssertHoldOut(Fold fold, int n)
    {
        Assert.Empty(fold.Train.Intersect(fold.Test));
        Assert.Equal(Enumerable.Range(0, n), fold.Train.Concat(fold.Test).Order());
    }

    /// <summary>Each fold is a hold-out split, and the test folds partition the rows (each row tested exactly once).</summary>
    private static void AssertPartition(IReadOnlyList<Fold> folds, int n)
    {
        var seen = new int[n];
        foreach (var fold in folds)
        {
            AssertHoldOut(fold, n);
            foreach (var t in fold.Test) seen[t]++;
        }
        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void KFoldSizesFollowScikitLearnsRule()
    {
        // 10 rows, 3 folds: 10 // 3 = 3 each, and the first 10 % 3 = 1 fold gets one more: 4, 3, 3.
        var folds = new KFold(3).Split(10).ToArray();
        Assert.Equal(new[] { 4, 3, 3 }, folds.Select(f => f.Test.Length));
        Assert.Equal(new[] { 0, 1, 2, 3 }, folds[0].Test);
        AssertPartition(folds, 10);
        // 23 rows, 5 folds: 4 each plus one for the first 3 folds.
        Assert.Equal(new[] { 5, 5, 5, 4, 4 }, new KFold(5).Split(23).Select(f => f.Test.Length));
    }

    [Fact]
    public void ShuffledKFoldKeepsSizesAndIsReproducible()
    {
        var a = new KFold(4, shuffle: true, seed: 7).Split(30).ToArray();
        var b = new KFold(4, shuffle: true, seed: 7).Split(30).ToArray();
        var c = new KFold(4, shuffle: true, seed: 8).Split(30).ToArray();
        Assert.Equal(new[] { 8, 8, 7, 7 }, a.Select(f => f.Test.Length));
        AssertPartition(a, 30);
        Assert.Equal(a.Select(f => f.Test), b.Select(f => f.Test));
        Assert.NotEqual(a.Select(f => f.Test), c.Select(f => f.Test));
        Assert.All(a, f => Assert.Equal(f.Test.Order(), f.Test)); // indices come back ascending, as in scikit-learn
    }

    [Fact]
    public void FoldOfEachRowIsThePrimersKFoldColumn()
    {
        var column = new KFold(5).FoldOfEachRow(150);
        Assert.Equal(Enumerable.Repeat(0, 30).Concat(Enumerable.Repeat(4, 30)), column.Take(30).Concat(column.Skip(120)));
        var folds = new KFold(5, shuffle: true, seed: 1);
        var fromSplit = new int[150];
        foreach (var f in folds.Split(150)) foreach (var t in f.Test) fromSplit[t] = f.Index;
        Assert.Equal(fromSplit, folds.FoldOfEachRow(150));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StratifiedFoldsKeepTheClassProportions(bool shuffle)
    {
        // 100 rows, 10% positive, scattered; 5 folds of 20 must each hold exactly 2 positives.
        var labels = Enumerable.Range(0, 100).Select(i => i % 10 == 7 ? 1 : 0).ToArray();
        var folds = new StratifiedKFold(5, shuffle, shuffle ? 3 : null).Split(labels).ToArray();
        AssertPartition(folds, 100);
        Assert.All(folds, f =>
        {
            Assert.Equal(20, f.Test.Length);
            Assert.Equal(2, f.Test.Count(i => labels[i] == 1));
        });
    }

    [Fact]
    public void StratifiedFoldsOfAnUnevenClassDifferByAtMostOne()
    {
        // 3 classes of 7, 3 and 11 rows in 4 folds: per class the fold counts differ by at most one.
        var labels = Enumerable.Repeat("a", 7).Concat(Enumerable.Repeat("b", 3)).Concat(Enumerable.Repeat("c", 11)).ToArray();
        var folds = new StratifiedKFold(4, shuffle: true, seed: 0).Split(labels).ToArray();
        AssertPartition(folds, labels.Length);
        foreach (var cls in new[] { "a", "b", "c" })
        {
            var counts = folds.Select(f => f.Test.Count(i => labels[i] == cls)).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, $"{cls}: {string.Join(",", counts)}");
        }
    }

    [Fact]
    public void GroupsAreNeverSplitAcrossTrainAndTest()
    {
        var groups = Enumerable.Range(0, 60).Select(i => $"patient-{i * 7 % 13}").ToArray();
        var folds = new GroupKFold(4).Split(groups).ToArray();
        AssertPartition(folds, 60);
        Assert.All(folds, f => Assert.Empty(f.Train.Select(i => groups[i]).Intersect(f.Test.Select(i => groups[i]))));
    }

    [Fact]
    public void TimeSeriesFoldsTrainOnlyOnThePast()
    {
        var folds = new TimeSeriesSplit(4, gap: 2).Split(50).ToArray();
        Assert.Equal(4, folds.Length);
        for (var f = 0; f < folds.Length; f++)
        {
            Assert.True(folds[f].Train.Max() + 2 < folds[f].Test.Min());
            Assert.Equal(Enumerable.Range(folds[f].Test[0], folds[f].Test.Length), folds[f].Test);
            if (f > 0) Assert.Equal(folds[f - 1].Test.Max() + 1, folds[f].Test.Min());
        }
        // 50 // (4 + 1) = 10 rows per test block, the last block ending at the last row.
        Assert.Equal(49, folds[^1].Test.Max());
        Assert.All(folds, f => Assert.Equal(10, f.Test.Length));
    }

    [Fact]
    public void LeaveOneOutTestsEachRowOnce()
    {
        var folds = new LeaveOneOut().Split(6).ToArray();
        AssertPartition(folds, 6);
        Assert.All(folds, f => Assert.Equal(new[] { f.Index }, f.Test));
    }

    [Fact]
    public void HoldOutTakesTheCeilingOfTheTestFraction()
    {
        var fold = TrainTestSplit.Split(10, testSize: 0.25, seed: 1);
        Assert.Equal(3, fold.Test.Length); // ceil(2.5)
        Assert.Equal(7, fold.Train.Length);
        AssertHoldOut(fold, 10);
        Assert.Equal(fold.Test, TrainTestSplit.Split(10, 0.25, seed: 1).Test);
        Assert.Equal(new[] { 7, 8, 9 }, TrainTestSplit.Split(10, 0.25, shuffle: false).Test); // unshuffled: the last rows
    }

    [Fact]
    public void StratifiedHoldOutSplitsEachClassInProportion()
    {
        // 30 positives, 70 negatives, 20% test: 6 and 14 test rows.
        var labels = Enumerable.Range(0, 100).Select(i => i < 30 ? "pos" : "neg").ToArray();
        var fold = TrainTestSplit.Split(100, labels, testSize: 0.2, seed: 5);
        AssertHoldOut(fold, 100);
        Assert.Equal(6, fold.Test.Count(i => labels[i] == "pos"));
        Assert.Equal(14, fold.Test.Count(i => labels[i] == "neg"));
    }

    [Fact]
    public void LargestRemainderGivesTheMissingRowsToTheLargestFractions()
    {
        // 7 draws from sizes 5, 3, 2 (total 10): shares 3.5, 2.1, 1.4 -> floors 3, 2, 1 (6), the last row to class 0 (0.5).
        Assert.Equal(new[] { 4, 2, 1 }, TrainTestSplit.LargestRemainder([5, 3, 2], 7));
    }

    [Fact]
    public void DeconstructGivesTrainThenTest()
    {
        var (train, test) = new KFold(2).Split(4).First();
        Assert.Equal(new[] { 2, 3 }, train);
        Assert.Equal(new[] { 0, 1 }, test);
    }
}
