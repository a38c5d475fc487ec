namespace MLPrimer.Validation;

/// <summary>What k-fold splitters that may shuffle share (scikit-learn's _BaseKFold): the fold count, the shuffle switch and its seed.</summary>
public abstract class BaseKFold
{
    /// <summary>Checks the settings; <paramref name="seed"/> is allowed only with <paramref name="shuffle"/> (as in scikit-learn).</summary>
    protected BaseKFold(int nSplits, bool shuffle, int? seed)
    {
        Guard.FoldCount(nSplits);
        Guard.SeedNeedsShuffle(shuffle, seed);
        NSplits = nSplits;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <summary>Number of folds k.</summary>
    public int NSplits { get; }

    /// <summary>Whether rows are shuffled before they are dealt into folds.</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the shuffle (null: a different shuffle every call).</summary>
    public int? Seed { get; }
}
