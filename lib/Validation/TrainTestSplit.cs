namespace MLPrimer.Validation;

/// <summary>Hold-out validation (scikit-learn's train_test_split): one random split into a training part and a test part.</summary>
/// <remarks>The test part has <c>ceil(testSize * count)</c> rows, as in scikit-learn. Both index arrays come back in shuffled
/// order; without shuffling the test part is the last rows. The shuffle uses our own seeded generator, so the rows differ from scikit-learn's.</remarks>
public static class TrainTestSplit
{
    /// <summary>Splits rows <c>0 .. count-1</c>; the returned fold has index 0.</summary>
    public static Fold Split(int count, double testSize = 0.25, int? seed = null, bool shuffle = true)
    {
        Guard.SampleCount(count);
        Guard.SeedNeedsShuffle(shuffle, seed);
        var nTest = TestCount(count, testSize);
        var order = SplitMath.Range(count);
        if (!shuffle) return new Fold(0, order[..(count - nTest)], order[(count - nTest)..]); // the last rows, as in scikit-learn
        SplitMath.Shuffle(order, SplitMath.Rng(seed));
        return new Fold(0, order[nTest..], order[..nTest]);
    }

    /// <summary>Stratified split: each class of <paramref name="stratify"/> (one label per row) is split in the same proportion.</summary>
    /// <remarks>Class c gets <c>floor(testCount * size_c / count)</c> test rows; the rows still missing go one each to the classes
    /// with the largest fractional remainders (ties: the class seen first). Every class needs at least two rows.</remarks>
    public static Fold Split<T>(int count, IReadOnlyList<T> stratify, double testSize = 0.25, int? seed = null) where T : notnull
    {
        Guard.SampleCount(count);
        Guard.SampleLabels(stratify, nameof(stratify));
        if (stratify.Count != count)
            throw new ArgumentException($"stratify has {stratify.Count} labels for {count} rows; it needs one label per row.", nameof(stratify));
        var nTest = TestCount(count, testSize);
        var (codes, classCount) = SplitMath.EncodeByAppearance(stratify);
        var rowsOfClass = Enumerable.Range(0, classCount).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < count; i++) rowsOfClass[codes[i]].Add(i);
        if (rowsOfClass.Min(r => r.Count) < 2)
            throw new ArgumentException("The least populated class in stratify has only 1 member; stratifying needs at least 2 per class.", nameof(stratify));
        if (nTest < classCount || count - nTest < classCount)
            throw new ArgumentException(
                $"A stratified split of {count} rows with testSize={testSize} cannot give each of the {classCount} classes a row on both sides.", nameof(testSize));

        var testPerClass = LargestRemainder(rowsOfClass.Select(r => r.Count).ToArray(), nTest);
        var rng = SplitMath.Rng(seed);
        var train = new List<int>(count - nTest);
        var test = new List<int>(nTest);
        for (var c = 0; c < classCount; c++)
        {
            var rows = rowsOfClass[c].ToArray();
            SplitMath.Shuffle(rows, rng);
            test.AddRange(rows[..testPerClass[c]]);
            train.AddRange(rows[testPerClass[c]..]);
        }
        var trainRows = train.ToArray();
        var testRows = test.ToArray();
        SplitMath.Shuffle(trainRows, rng);
        SplitMath.Shuffle(testRows, rng);
        return new Fold(0, trainRows, testRows);
    }

    private static int TestCount(int count, double testSize)
    {
        if (!(testSize > 0 && testSize < 1))
            throw new ArgumentException($"testSize must be a fraction strictly between 0 and 1 (got {testSize}).", nameof(testSize));
        var nTest = (int)Math.Ceiling(testSize * count);
        if (nTest >= count)
            throw new ArgumentException($"testSize={testSize} of {count} rows leaves no training rows.", nameof(testSize));
        return nTest;
    }

    internal static int[] LargestRemainder(int[] sizes, int draws)
    {
        var total = sizes.Sum();
        var shares = sizes.Select(s => (double)draws * s / total).ToArray();
        var result = shares.Select(s => (int)Math.Floor(s)).ToArray();
        var missing = draws - result.Sum();
        foreach (var c in Enumerable.Range(0, sizes.Length).OrderByDescending(c => shares[c] - result[c]).ThenBy(c => c).Take(missing))
            result[c]++;
        return result;
    }
}
