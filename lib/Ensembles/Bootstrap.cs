namespace MLPrimer.Ensembles;

/// <summary>Bootstrap sampling for bagging: draw n rows with replacement, and find the rows a sample left out.</summary>
public static class Bootstrap
{
    /// <summary>Draws <paramref name="count"/> row indices from <c>0 .. count-1</c> with replacement (about 63% distinct rows).</summary>
    public static int[] Sample(int count, Random rng)
    {
        if (count <= 0)
            throw new ArgumentException($"count must be positive (got {count}): there are no rows to sample.", nameof(count));
        ArgumentNullException.ThrowIfNull(rng);
        var rows = new int[count];
        for (var i = 0; i < count; i++) rows[i] = rng.Next(count);
        return rows;
    }

    /// <summary>The rows of <c>0 .. count-1</c> that <paramref name="sample"/> never drew ("out of bag"), ascending.</summary>
    public static int[] OutOfBag(IReadOnlyList<int> sample, int count)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (count <= 0)
            throw new ArgumentException($"count must be positive (got {count}).", nameof(count));
        var drawn = new bool[count];
        foreach (var r in sample)
        {
            if ((uint)r >= (uint)count)
                throw new ArgumentException($"Sample index {r} is outside 0..{count - 1}.", nameof(sample));
            drawn[r] = true;
        }
        return Enumerable.Range(0, count).Where(r => !drawn[r]).ToArray();
    }
}
