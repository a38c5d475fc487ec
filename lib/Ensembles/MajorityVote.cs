namespace MLPrimer.Ensembles;

/// <summary>Hard voting: the class most models predict; a tie goes to the smallest class index (as numpy's argmax of the counts).</summary>
public static class MajorityVote
{
    /// <summary>The winning class among one sample's votes (class indices, 0 or more).</summary>
    public static int Vote(IReadOnlyList<int> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        if (votes.Count == 0)
            throw new ArgumentException("votes must not be empty: at least one model has to vote.", nameof(votes));
        var counts = new Dictionary<int, int>();
        foreach (var v in votes)
        {
            if (v < 0)
                throw new ArgumentException($"Vote {v} is negative; votes are class indices 0 .. k-1.", nameof(votes));
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }
        var best = int.MaxValue;
        var bestCount = 0;
        foreach (var (label, count) in counts)
            if (count > bestCount || (count == bestCount && label < best))
                (best, bestCount) = (label, count);
        return best;
    }

    /// <summary>Combines the predictions of several models: <c>predictions[m][i]</c> is model m's class for sample i.</summary>
    public static int[] Combine(IReadOnlyList<int[]> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
            throw new ArgumentException("predictions must hold at least one model's predictions.", nameof(predictions));
        var n = predictions[0]?.Length ?? throw new ArgumentException("predictions[0] is null.", nameof(predictions));
        for (var m = 1; m < predictions.Count; m++)
            if (predictions[m] is null || predictions[m].Length != n)
                throw new ArgumentException($"Model {m} predicted {predictions[m]?.Length ?? 0} samples; model 0 predicted {n}.", nameof(predictions));
        var result = new int[n];
        var votes = new int[predictions.Count];
        for (var i = 0; i < n; i++)
        {
            for (var m = 0; m < predictions.Count; m++) votes[m] = predictions[m][i];
            result[i] = Vote(votes);
        }
        return result;
    }
}
