namespace MLPrimer.Validation;

/// <summary>One split of a cross-validator: the row indices to train on and the row indices to test on.</summary>
/// <param name="Index">Position of the fold in the sequence, from 0.</param>
/// <param name="Train">Training row indices (ascending, except for a shuffled hold-out split).</param>
/// <param name="Test">Test row indices (ascending, except for a shuffled hold-out split).</param>
public sealed record Fold(int Index, int[] Train, int[] Test)
{
    /// <summary>Lets a loop write <c>foreach (var (train, test) in splitter.Split(n))</c>, like scikit-learn.</summary>
    public void Deconstruct(out int[] train, out int[] test)
    {
        train = Train;
        test = Test;
    }

    /// <summary>Sizes, e.g. "fold 0: 120 train / 30 test".</summary>
    public override string ToString() => $"fold {Index}: {Train.Length} train / {Test.Length} test";
}
