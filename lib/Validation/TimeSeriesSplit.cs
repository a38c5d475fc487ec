namespace MLPrimer.Validation;

/// <summary>Forward-chaining splits for ordered data (scikit-learn's TimeSeriesSplit): every test block comes after all of its
/// training rows, and the training window grows (or slides, with <c>maxTrainSize</c>).</summary>
public sealed class TimeSeriesSplit
{
    /// <summary>Creates the splitter: <paramref name="nSplits"/> test blocks of <paramref name="testSize"/> rows (default
    /// <c>count / (nSplits + 1)</c>), <paramref name="gap"/> rows dropped between train and test.</summary>
    public TimeSeriesSplit(int nSplits = 5, int? maxTrainSize = null, int? testSize = null, int gap = 0)
    {
        Guard.FoldCount(nSplits);
        if (maxTrainSize is <= 0)
            throw new ArgumentException($"maxTrainSize must be positive when given (got {maxTrainSize}).", nameof(maxTrainSize));
        if (testSize is <= 0)
            throw new ArgumentException($"testSize must be positive when given (got {testSize}).", nameof(testSize));
        if (gap < 0)
            throw new ArgumentException($"gap must not be negative (got {gap}).", nameof(gap));
        NSplits = nSplits;
        MaxTrainSize = maxTrainSize;
        TestSize = testSize;
        Gap = gap;
    }

    /// <summary>Number of test blocks.</summary>
    public int NSplits { get; }

    /// <summary>Largest training window (null: all earlier rows).</summary>
    public int? MaxTrainSize { get; }

    /// <summary>Rows per test block (null: <c>count / (NSplits + 1)</c>).</summary>
    public int? TestSize { get; }

    /// <summary>Rows left out between the end of training and the start of testing.</summary>
    public int Gap { get; }

    /// <summary>Yields the splits of rows <c>0 .. count-1</c>, which must already be in time order.</summary>
    public IEnumerable<Fold> Split(int count)
    {
        Guard.SampleCount(count);
        if (count > Array.MaxLength)
            throw new ArgumentException($"count is {count}; the row indices of one fold must fit in an array (at most {Array.MaxLength}).", nameof(count));
        if (NSplits + 1 > count)
            throw new ArgumentException($"Cannot make {NSplits + 1} blocks (nSplits + 1) from {count} samples.", nameof(count));
        var testSize = TestSize ?? count / (NSplits + 1);
        if (count - Gap - testSize * NSplits <= 0)
            throw new ArgumentException(
                $"Too many splits: {NSplits} test blocks of {testSize} rows plus a gap of {Gap} leave no training rows out of {count}.", nameof(count));
        return Folds(count, testSize);
    }

    private IEnumerable<Fold> Folds(int count, int testSize)
    {
        var firstTest = count - NSplits * testSize;
        for (var f = 0; f < NSplits; f++)
        {
            var testStart = firstTest + f * testSize;
            var trainEnd = testStart - Gap;
            var trainStart = MaxTrainSize is int max && max < trainEnd ? trainEnd - max : 0;
            yield return new Fold(f, Enumerable.Range(trainStart, trainEnd - trainStart).ToArray(),
                Enumerable.Range(testStart, testSize).ToArray());
        }
    }
}
