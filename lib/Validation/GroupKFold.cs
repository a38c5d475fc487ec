namespace MLPrimer.Validation;

/// <summary>Group k-fold (scikit-learn's GroupKFold): all rows of a group land in the same test fold, so no group is ever
/// on both sides of a split; groups are dealt largest first to the fold with the fewest rows so far.</summary>
public sealed class GroupKFold
{
    /// <summary>Creates the splitter (deterministic: scikit-learn's GroupKFold has no shuffle either).</summary>
    public GroupKFold(int nSplits = 5)
    {
        Guard.FoldCount(nSplits);
        NSplits = nSplits;
    }

    /// <summary>Number of folds k.</summary>
    public int NSplits { get; }

    /// <summary>Yields k folds of the rows of <paramref name="groups"/> (one group key per row: a patient id, a user, a file...).</summary>
    public IEnumerable<Fold> Split<T>(IReadOnlyList<T> groups) where T : notnull => SplitMath.FromAssignment(FoldOfEachRow(groups), NSplits);

    /// <summary>The fold (0 .. k-1) whose test set holds each row.</summary>
    public int[] FoldOfEachRow<T>(IReadOnlyList<T> groups) where T : notnull
    {
        Guard.SampleLabels(groups, nameof(groups));
        // Groups are numbered in sorted key order, as numpy.unique does.
        var keys = groups.Distinct().Order(Comparer<T>.Default).ToArray();
        if (NSplits > keys.Length)
            throw new ArgumentException($"Cannot make {NSplits} folds from {keys.Length} groups: nSplits must not exceed the number of groups.", nameof(groups));
        var index = new Dictionary<T, int>(keys.Length);
        for (var g = 0; g < keys.Length; g++) index[keys[g]] = g;
        var groupOfRow = groups.Select(key => index[key]).ToArray();
        var sizes = new int[keys.Length];
        foreach (var g in groupOfRow) sizes[g]++;

        // Largest group first; among equal sizes the later key first (scikit-learn reverses an ascending sort).
        var order = Enumerable.Range(0, keys.Length).OrderBy(g => sizes[g]).ThenBy(g => g).Reverse().ToArray();
        var rowsInFold = new int[NSplits];
        var foldOfGroup = new int[keys.Length];
        foreach (var g in order)
        {
            var lightest = 0;
            for (var f = 1; f < NSplits; f++)
                if (rowsInFold[f] < rowsInFold[lightest]) lightest = f;
            rowsInFold[lightest] += sizes[g];
            foldOfGroup[g] = lightest;
        }
        return groupOfRow.Select(g => foldOfGroup[g]).ToArray();
    }
}
