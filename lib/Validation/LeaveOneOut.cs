namespace MLPrimer.Validation;

/// <summary>Leave-one-out (scikit-learn's LeaveOneOut): n folds, each testing on a single row and training on the rest.</summary>
public sealed class LeaveOneOut
{
    /// <summary>Yields <paramref name="count"/> folds; fold i tests on row i.</summary>
    public IEnumerable<Fold> Split(int count)
    {
        Guard.SampleCount(count);
        if (count < 2)
            throw new ArgumentException("count must be at least 2 for leave-one-out: with one row nothing is left to train on.", nameof(count));
        return Folds(count);
    }

    private static IEnumerable<Fold> Folds(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var train = new int[count - 1];
            for (int j = 0, k = 0; j < count; j++)
                if (j != i) train[k++] = j;
            yield return new Fold(i, train, [i]);
        }
    }
}
