namespace MLPrimer.Validation;

/// <summary>K-fold cross-validation (scikit-learn's KFold): k consecutive test folds, the first <c>n % k</c> one row larger.</summary>
public sealed class KFold(int nSplits = 5, bool shuffle = false, int? seed = null) : BaseKFold(nSplits, shuffle, seed)
{
    /// <summary>Yields the k folds of rows <c>0 .. count-1</c>; every row is in exactly one test fold.</summary>
    public IEnumerable<Fold> Split(int count)
    {
        Guard.SampleCount(count);
        Guard.FoldsFit(NSplits, count);
        return SplitMath.FromAssignment(Assign(count), NSplits);
    }

    /// <summary>The fold (0 .. k-1) whose test set holds each row: the primer's "kfold" column.</summary>
    public int[] FoldOfEachRow(int count)
    {
        Guard.SampleCount(count);
        Guard.FoldsFit(NSplits, count);
        return Assign(count);
    }

    private int[] Assign(int count)
    {
        var order = SplitMath.Range(count);
        if (Shuffle) SplitMath.Shuffle(order, SplitMath.Rng(Seed));
        var foldOfRow = new int[count];
        var position = 0;
        for (var f = 0; f < NSplits; f++)
        {
            var size = count / NSplits + (f < count % NSplits ? 1 : 0);
            for (var j = 0; j < size; j++) foldOfRow[order[position++]] = f;
        }
        return foldOfRow;
    }
}
