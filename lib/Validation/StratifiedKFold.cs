namespace MLPrimer.Validation;

/// <summary>Stratified k-fold (scikit-learn's StratifiedKFold): each test fold keeps the class proportions of the whole set.</summary>
/// <remarks>Without shuffling the folds are exactly scikit-learn's: classes are numbered by first appearance, per-class fold
/// sizes come from dealing the sorted labels round robin, and each class's rows are assigned to folds in blocks, in row order.
/// With shuffling the per-class fold order is shuffled by our own seeded generator, so the folds differ from scikit-learn's.</remarks>
public sealed class StratifiedKFold(int nSplits = 5, bool shuffle = false, int? seed = null) : BaseKFold(nSplits, shuffle, seed)
{
    /// <summary>Yields k folds of the rows of <paramref name="labels"/> (any class type: int, string, a bin code...).</summary>
    public IEnumerable<Fold> Split<T>(IReadOnlyList<T> labels) where T : notnull => SplitMath.FromAssignment(FoldOfEachRow(labels), NSplits);

    /// <summary>The fold (0 .. k-1) whose test set holds each row.</summary>
    public int[] FoldOfEachRow<T>(IReadOnlyList<T> labels) where T : notnull
    {
        Guard.SampleLabels(labels, nameof(labels));
        Guard.FoldsFit(NSplits, labels.Count, nameof(labels));
        var (codes, classCount) = SplitMath.EncodeByAppearance(labels);
        var classSizes = new int[classCount];
        foreach (var c in codes) classSizes[c]++;
        if (classSizes.All(size => size < NSplits))
            throw new ArgumentException(
                $"nSplits={NSplits} is greater than the number of members of every class (largest class: {classSizes.Max()}).", nameof(labels));

        // allocation[f, c]: how many rows of class c go to test fold f. Dealing the sorted codes round robin to the
        // folds spreads each class as evenly as possible and keeps fold sizes within one of each other.
        var allocation = new int[NSplits, classCount];
        var dealt = 0;
        for (var c = 0; c < classCount; c++)
            for (var j = 0; j < classSizes[c]; j++, dealt++)
                allocation[dealt % NSplits, c]++;

        var rng = Shuffle ? SplitMath.Rng(Seed) : null;
        var foldOfRow = new int[codes.Length];
        for (var c = 0; c < classCount; c++)
        {
            var foldsForClass = new int[classSizes[c]];
            var k = 0;
            for (var f = 0; f < NSplits; f++)
                for (var j = 0; j < allocation[f, c]; j++) foldsForClass[k++] = f;
            if (rng is not null) SplitMath.Shuffle(foldsForClass, rng);
            k = 0;
            for (var i = 0; i < codes.Length; i++)
                if (codes[i] == c) foldOfRow[i] = foldsForClass[k++];
        }
        return foldOfRow;
    }
}
