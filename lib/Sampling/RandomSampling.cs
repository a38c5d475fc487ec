namespace MLPrimer.Sampling;

/// <summary>Simple random and weighted sampling of row indices (numpy's <c>random.choice</c>).</summary>
public static class RandomSampling
{
    /// <summary>Draws <paramref name="size"/> indices from <c>0 .. population-1</c>, uniformly or with probabilities <paramref name="p"/>, with or without replacement.</summary>
    /// <remarks>Weighted draws without replacement take the items one at a time, each with probability proportional to its weight
    /// among those not yet drawn (numpy's rule). Weights need not sum to 1; they are normalised.</remarks>
    public static int[] Choice(int population, int size, bool replace = false, IReadOnlyList<double>? p = null, int? seed = null)
    {
        if (population <= 0) throw new ArgumentException($"population must be positive (got {population}).", nameof(population));
        if (size < 0) throw new ArgumentException($"size must be ≥ 0 (got {size}).", nameof(size));
        var rng = seed is int s ? new Random(s) : new Random();
        if (p is null)
        {
            if (!replace && size > population)
                throw new ArgumentException($"Cannot draw {size} rows without replacement from {population}.", nameof(size));
            if (replace) return Enumerable.Range(0, size).Select(_ => rng.Next(population)).ToArray();
            var order = Enumerable.Range(0, population).ToArray();
            for (var i = 0; i < size; i++)                       // partial Fisher–Yates
            {
                var j = i + rng.Next(population - i);
                (order[i], order[j]) = (order[j], order[i]);
            }
            return order[..size];
        }

        var w = Guard.Weights(p, nameof(p));
        if (w.Length != population)
            throw new ArgumentException($"p has {w.Length} entries for a population of {population}; it needs one per item.", nameof(p));
        var positive = w.Count(x => x > 0);
        if (!replace && size > positive)
            throw new ArgumentException($"Cannot draw {size} rows without replacement: only {positive} have a positive weight.", nameof(size));
        // Weights near double.MaxValue sum to infinity, and every draw would then land on the last item: rescale first
        // (dividing by the largest weight keeps every ratio, so the probabilities are the same).
        if (double.IsInfinity(w.Sum()))
        {
            var largest = w.Max();
            for (var i = 0; i < w.Length; i++) w[i] /= largest;
        }
        var result = new int[size];
        var remaining = (double[])w.Clone();
        for (var n = 0; n < size; n++)
        {
            var total = remaining.Sum();
            var u = rng.NextDouble() * total;
            var pick = 0;
            var cumulative = remaining[0];
            while (cumulative <= u && pick < remaining.Length - 1) cumulative += remaining[++pick];
            while (remaining[pick] == 0) pick--;                 // guard against landing on a zero weight at the end
            result[n] = pick;
            if (!replace) remaining[pick] = 0;
        }
        return result;
    }
}
